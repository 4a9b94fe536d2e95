package io.github.mongeot.experiments.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference code's checkpoint selection: strict improvement, only after annealing, NaN never best. */
class BestOverEvalsTest {
    @Test
    void keepsTheLowestValueAfterAnnealingOnly() {
        BestOverEvals evals = new BestOverEvals(100);
        evals.record(50, 0.1);      // during annealing: logged, not eligible
        evals.record(100, 0.2);     // step == anneal steps: the reference requires train_step > anneal steps
        evals.record(150, Double.NaN);
        evals.record(200, 3.0);
        evals.record(250, 2.0);
        evals.record(300, 2.0);     // a tie does not move the best step
        evals.record(350, 2.5);
        assertThat(evals.best()).isEqualTo(2.0);
        assertThat(evals.bestStep()).isEqualTo(250);
        assertThat(evals.last()).isEqualTo(2.5);
        assertThat(evals.history()).hasSize(7);
        assertThat(evals.history().get(0)).containsExactly(50, 0.1);
    }

    @Test
    void nothingEligibleGivesNaN() {
        BestOverEvals evals = new BestOverEvals(100);
        assertThat(evals.last()).isNaN();
        evals.record(10, 1.0);
        evals.record(120, Double.NaN);
        assertThat(evals.best()).isNaN();
        assertThat(evals.bestStep()).isEqualTo(-1);
    }
}
