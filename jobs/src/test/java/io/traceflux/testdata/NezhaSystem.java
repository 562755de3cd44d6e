package io.traceflux.testdata;

/**
 * One of Nezha's two microservice systems: where its pod metrics are, the P90 latency above which
 * Nezha's alarm step ({@code alarm.py}, {@code determine_alarm}) raises an alarm, and the service
 * name given to the entry service's SLO metrics ({@code front_service.csv}).
 *
 * @param namespace      Kubernetes namespace label every derived signal carries
 * @param podMetricGlob  the pods' metric files under the day's {@code metric/} folder
 * @param latencyAboveS  Nezha's network P90 alarm threshold, in seconds
 * @param frontendService service of the entry service's SLO alerts
 */
record NezhaSystem(String namespace, String podMetricGlob, double latencyAboveS, String frontendService) {

    /** Train-Ticket ({@code ts}): 300 ms. */
    static final NezhaSystem TRAIN_TICKET = new NezhaSystem("train-ticket", "ts-*_metric.csv", 0.3, "ts-ui-dashboard");

    /** OnlineBoutique ({@code hipster}): 200 ms. */
    static final NezhaSystem ONLINE_BOUTIQUE = new NezhaSystem("online-boutique", "*_metric.csv", 0.2, "frontend");
}
