/** Experiments of Pooladian et al. (2024), Neural Lagrangian OT: obstacle problems (Table 1, Figures 1–2) and metric learning (Table 2, Figures 3–4). */
package io.github.mongeot.experiments.lagrangian;
