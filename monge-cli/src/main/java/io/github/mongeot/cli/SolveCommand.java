package io.github.mongeot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.exact.NetworkSimplex;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import io.github.mongeot.methods.costlearning.CostLearningModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code monge solve}: one OT problem, one JSON object on stdout. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve OT between two point clouds and print one JSON object:",
            "cost, regularized_cost (sinkhorn), solver, iterations, converged, marginal_error, epsilon, seconds",
            "(solver time, excluding start-up, I/O and the cost matrix)."})
final class SolveCommand implements Callable<Integer> {
    enum Solver { exact, sinkhorn }

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemFiles files;

    @Option(names = "--cost", defaultValue = "sqeuclidean",
            description = "sqeuclidean (‖x−y‖², default), half-sqeuclidean (½‖x−y‖²) or pnorm:P (‖x−y‖_P^P / P).")
    String cost;

    @Option(names = "--cost-model", description = "Use the learned cost of a cost-learning model file instead of --cost.")
    Path costModel;

    @Option(names = "--solver", defaultValue = "exact", description = "exact (network simplex, default) or sinkhorn.")
    Solver solver;

    @Mixin
    SinkhornSettings sinkhorn;

    @Option(names = "--plan", description = "Also write the n × m transport plan to this file.")
    Path plan;

    @Override
    public Integer call() {
        Cost c = costModel != null ? CostLearningModel.load(costModel).cost() : Costs.parse(cost);
        PointCloud[] clouds = files.both();
        PointCloud x = clouds[0];
        PointCloud y = clouds[1];
        ObjectNode out = new ObjectMapper().createObjectNode();
        if (solver == Solver.exact) {
            double[][] costMatrix = c.matrix(x.points(), y.points());
            long start = System.nanoTime();
            ExactResult r = NetworkSimplex.transport(x.weights(), y.weights(), costMatrix);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.put("cost", r.cost());
            out.put("solver", "exact");
            out.put("iterations", r.iterations());
            out.put("converged", r.converged());
            out.put("marginal_error", r.marginalError(x.weights(), y.weights()));
            out.putNull("epsilon");
            out.put("seconds", seconds);
            if (plan != null) {
                ArrayIO.write(plan, r.denseplan());
            }
        } else {
            SinkhornResult r = Sinkhorn.solve(x, y, c, sinkhorn.options());
            out.put("cost", r.cost());
            out.put("regularized_cost", r.regularizedCost());
            out.put("solver", "sinkhorn");
            out.put("iterations", r.iterations());
            out.put("converged", r.converged());
            out.put("marginal_error", r.marginalError());
            out.put("epsilon", r.epsilon());
            out.put("seconds", r.seconds());
            out.put("mode", r.mode().name().toLowerCase(java.util.Locale.ROOT));
            if (plan != null) {
                ArrayIO.write(plan, r.plan());
            }
        }
        out.put("cost_function", c.name());
        out.put("n", x.size());
        out.put("m", y.size());
        spec.commandLine().getOut().println(out.toString());
        return 0;
    }
}
