/**
 * Saving and loading networks: {@link io.github.mongeot.nn.io.NetworkJson} (configs as JSON) and
 * {@link io.github.mongeot.nn.io.NetworkFiles} (config + named parameters in a Monge model file,
 * a safetensors file readable from Python).
 */
package io.github.mongeot.nn.io;
