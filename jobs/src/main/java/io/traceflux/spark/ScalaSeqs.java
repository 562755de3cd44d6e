package io.traceflux.spark;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The one bridge to Scala collections, for Spark APIs such as join-using-columns. */
public final class ScalaSeqs {

    private ScalaSeqs() {
    }

    @SuppressWarnings("deprecation")
    public static Seq<String> of(List<String> names) {
        return JavaConverters.asScalaBuffer(names).toSeq();
    }
}
