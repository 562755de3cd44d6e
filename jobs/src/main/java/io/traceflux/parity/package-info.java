/**
 * Parity of a replay against its baseline (SPEC 4, 5.1): {@link io.traceflux.parity.ComputeParity}
 * turns {@link io.traceflux.parity.ParityInputs} into a {@link io.traceflux.parity.ParityResult};
 * {@link io.traceflux.parity.ProductionBaseline} and {@link io.traceflux.parity.BaselineTables}
 * prepare a production baseline; {@link io.traceflux.warehouse.Table} declares the outputs.
 *
 * <p>Definitions where SPEC leaves room:
 * <ul>
 *   <li>The compared signals are the replay's selected signals; baseline rows for other
 *       signals are ignored, and a baseline incident is compared only if it keeps a selected
 *       signal. Membership decides which incidents exist; a member incident missing from the
 *       incidents table is compared with unknown attributes.
 *   <li>Class counts ({@code exact}, {@code split}, ...) count components, so they equal the
 *       row counts of incident_diffs per class; a SPLIT of one incident into three counts 1.
 *   <li>B-cubed averages over signals in an incident on either side; a signal in an incident
 *       on one side only is a singleton cluster on the other side.
 *   <li>fingerprint_agreement and suppression_agreement: share of selected signals whose
 *       fingerprint, resp. suppressed_by (the same rule id, or unsuppressed on both sides), equals
 *       the baseline's; null when the baseline lacks them.
 *   <li>"Kept by the baseline": not suppressed by it; when the baseline lacks suppression
 *       decisions, only signals in a baseline incident count as kept (a lower bound). Newly
 *       suppressed = suppressed by the replay and kept by the baseline; it feeds
 *       max_newly_suppressed, suppression_diffs and blast_radius.
 *   <li>missing_critical counts critical baseline incidents in MISSING components only; a
 *       critical incident still present at a lower severity is reported separately as
 *       critical_downgraded.
 *   <li>correlation_diffs: a signal in an incident on either side whose component is not EXACT
 *       (equivalently: it gained or lost an incident, or its co-members changed). Its rule is the
 *       replay's suppressing rule, else the baseline rule that no longer suppresses it, else
 *       {@code correlation}.
 *   <li>blast_radius: "outcome changed" means a suppression or a correlation difference, not a
 *       fingerprint difference alone; an absent dimension value is the empty string.
 *   <li>Gates compare with a 1e-9 tolerance; {@code min_*} pass at or above, {@code max_*} at or
 *       below the threshold; no gates means gates_passed.
 *   <li>Component ids hash the sorted ids of both sides; ids, sorted arrays and the smallest
 *       incident_id of a baseline conflict use code point order, as Spark does.
 * </ul>
 */
package io.traceflux.parity;
