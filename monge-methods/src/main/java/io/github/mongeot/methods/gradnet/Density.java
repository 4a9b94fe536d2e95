package io.github.mongeot.methods.gradnet;

import io.github.mongeot.core.engine.DType;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;

/**
 * A probability density on R^d that GradNetOT can train against: a differentiable log-density
 * (the Monge–Ampère loss evaluates log q at the mapped points T(x), so gradients flow through it)
 * and samplers.
 */
public interface Density {
    /** Dimension d. */
    int dim();

    /** log p(x) at each row of x (n × d): a tensor [n] in x's dtype, differentiable in x. */
    Tensor logDensity(Tensor x);

    /** n fresh draws (n × d) from libtorch's generator (seeded by the training loop). */
    Tensor sample(int n, DType dtype);

    /** n draws (n × d) from a Java generator (fixed test points). */
    double[][] sample(int n, Random random);
}
