package io.github.mongeot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code monge fit METHOD ...}: one subcommand per estimator. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a transport map and save it as a model file.",
        subcommands = {FitEntropicCommand.class, FitW2gnCommand.class, FitDpotCommand.class, FitCostLearningCommand.class, FitNotCommand.class, FitGradnetCommand.class, FitLagrangianCommand.class, FitMetricCommand.class})
final class FitCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing METHOD (e.g. entropic)");
    }
}
