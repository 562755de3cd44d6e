package io.traceflux.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReportAssetsTest {

    @Test
    void policyAdmitsExactlyTheInlineStyleAndScript() {
        String css = Base64.getEncoder().encodeToString(
                Sha256.digest().digest(ReportAssets.CSS.getBytes(StandardCharsets.UTF_8)));
        assertThat(ReportAssets.CSP).isEqualTo("default-src 'none'; style-src 'sha256-" + css + "'; script-src '"
                + ReportAssets.hash(ReportAssets.SCRIPT) + "'; img-src data:; base-uri 'none'; form-action 'none'");
        assertThat(ReportAssets.CSP).doesNotContain("unsafe");
    }
}
