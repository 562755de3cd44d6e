package io.traceflux.testdata;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Region and POP of a Train-Ticket node. Nezha has neither, only the node IP of each pod (in the
 * log files), so the sample assigns them from this fixed table: nodes below .100 form the
 * {@code cn-east} region, the others {@code cn-north}, and each region's nodes are cut into two
 * POPs by address. A pod whose node is unknown (it wrote no log line) gets null region and POP.
 */
final class NodePlacement {

    /** One node's place; {@code node} is the IP as Nezha's {@code Node} column spells it. */
    record Place(String node, String region, String pop) {
    }

    static final List<Place> TABLE = List.of(
            new Place("33.33.33.74", "cn-east", "sha1"),
            new Place("33.33.33.76", "cn-east", "sha1"),
            new Place("33.33.33.79", "cn-east", "sha1"),
            new Place("33.33.33.80", "cn-east", "sha2"),
            new Place("33.33.33.82", "cn-east", "sha2"),
            new Place("33.33.33.115", "cn-north", "pek1"),
            new Place("33.33.33.116", "cn-north", "pek1"),
            new Place("33.33.33.155", "cn-north", "pek2"),
            new Place("33.33.33.167", "cn-north", "pek2"),
            // only OnlineBoutique (2022-08-22) ran on this node
            new Place("33.33.33.227", "cn-north", "pek2"));

    private NodePlacement() {
    }

    static Column region(Column node) {
        return element_at(lookup(true), node);
    }

    static Column pop(Column node) {
        return element_at(lookup(false), node);
    }

    private static Column lookup(boolean region) {
        List<Column> entries = new ArrayList<>();
        for (Place p : TABLE) {
            entries.add(lit(p.node()));
            entries.add(lit(region ? p.region() : p.pop()));
        }
        return map(entries.toArray(Column[]::new));
    }
}
