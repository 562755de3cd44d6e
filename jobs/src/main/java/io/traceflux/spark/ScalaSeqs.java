package io.traceflux.spark;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The one bridge to Scala collections, for Spark APIs such as join-using-columns. */
public final class ScalaSeqs {

    private ScalaSeqs() {
    }

    @SuppressWarnings("deprecation")
    public static <T> Seq<T> of(List<T> items) {
        return JavaConverters.asScalaBuffer(items).toSeq();
    }

    @SuppressWarnings("deprecation")
    public static <T> List<T> toJava(Seq<T> items) {
        return JavaConverters.seqAsJavaList(items);
    }
}
