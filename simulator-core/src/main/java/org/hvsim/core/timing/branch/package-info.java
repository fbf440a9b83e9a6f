/**
 * Branch prediction for the timing models: {@link org.hvsim.core.timing.branch.BranchUnit} (one per
 * core) combines a {@link org.hvsim.core.timing.branch.DirectionPredictor} (static BTFN, bimodal,
 * gshare, TAGE), a BTB, a return-address stack and an indirect-target predictor. Each predictor is
 * one small class; docs/branch-prediction.md describes them, their defaults and how to add one.
 */
package org.hvsim.core.timing.branch;
