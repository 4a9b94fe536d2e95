/**
 * Networks on libtorch, each a {@link io.github.mongeot.nn.net.Network} with named parameters in
 * a libtorch module (feed {@code parameters()} to libtorch's Adam/AdamW), a dtype and a device:
 * <ul>
 *   <li>map networks with optional condition input and residual form: {@link io.github.mongeot.nn.net.Mlp},
 *       {@link io.github.mongeot.nn.net.ResNet}, {@link io.github.mongeot.nn.net.ModifiedMlp};</li>
 *   <li>convex potentials: {@link io.github.mongeot.nn.net.Icnn};</li>
 *   <li>monotone gradient maps with closed-form Jacobians: {@link io.github.mongeot.nn.net.MGradNetC},
 *       {@link io.github.mongeot.nn.net.MGradNetM};</li>
 *   <li>normalising flows: {@link io.github.mongeot.nn.net.MaskedAutoregressiveFlow}.</li>
 * </ul>
 * Each network is built from an immutable config record ({@link io.github.mongeot.nn.net.NetworkConfig})
 * and a seed; initial weights are drawn in Java, so they depend only on config and seed.
 */
package io.github.mongeot.nn.net;
