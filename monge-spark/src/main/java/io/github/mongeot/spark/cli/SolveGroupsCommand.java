package io.github.mongeot.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.sinkhorn.SinkhornMode;
import io.github.mongeot.spark.GroupOptions;
import io.github.mongeot.spark.GroupSolver;
import io.github.mongeot.spark.GroupedOT;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monge spark solve-groups}: one OT problem per key of two data sets. */
@Command(name = "solve-groups", mixinStandardHelpOptions = true,
        description = {"Solve one OT problem per group of two data sets.",
            "The source and target rows sharing a key are the two point clouds. Writes one row per group (key, solver, n, m, cost, regularized_cost, epsilon, converged,",
            "iterations, marginal_error, seconds[, plan]) and prints one JSON object: groups, not_converged,",
            "seconds, problems_per_second."})
final class SolveGroupsCommand implements Callable<Integer> {
    enum Solver { exact, sinkhorn }

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, description = "Source points data set.")
    String source;

    @Option(names = "--target", required = true, description = "Target points data set.")
    String target;

    @Option(names = "--key", required = true, split = ",", paramLabel = "COL", description = "Group key column(s).")
    List<String> keys;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PointOptions points;

    @Option(names = "--weights", paramLabel = "COL", description = "Point mass column (normalised per group; default uniform).")
    String weights;

    @Option(names = "--ids", paramLabel = "COL", description = "Integer point id column: orders points and names them in plans.")
    String ids;

    @Option(names = "--solver", defaultValue = "exact", description = "exact (network simplex, default) or sinkhorn.")
    Solver solver;

    @Option(names = "--cost", defaultValue = "sqeuclidean",
            description = "sqeuclidean (default), half-sqeuclidean or pnorm:P.")
    String cost;

    static final class Epsilon {
        @Option(names = "--epsilon", description = "Absolute Sinkhorn ε.")
        Double absolute;

        @Option(names = "--epsilon-rel", description = "Relative ε = R · mean(C) per group (default 0.05).")
        Double relative;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Epsilon epsilon;

    @Option(names = "--threshold", defaultValue = "1e-6", description = "Sinkhorn L1 marginal tolerance (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--max-iter", description = "Sinkhorn iteration limit (default 10000, as monge solve) or exact pivot cap (default none).")
    Integer maxIterations;

    @Option(names = "--sinkhorn-mode", defaultValue = "AUTO", description = "AUTO, LOG or SCALING.")
    SinkhornMode sinkhornMode;

    @Option(names = "--plans", description = "Also write each group's plan as (source, target, mass) entries (Parquet/JSON).")
    boolean plans;

    @Option(names = "--plan-min-mass", defaultValue = "1e-12",
            description = "Leave out plan entries below this mass (default ${DEFAULT-VALUE}).")
    double planMinMass;

    @Option(names = "--output", required = true, description = "Output data set (overwritten).")
    String output;

    @Mixin
    SparkSettings settings;

    @Override
    public Integer call() {
        GroupOptions options = GroupOptions.of(keys, points.points())
                .withSolver(solver == Solver.exact ? GroupSolver.EXACT : GroupSolver.SINKHORN)
                .withCost(cost).withThreshold(threshold).withSinkhornMode(sinkhornMode);
        if (weights != null) {
            options = options.withWeights(weights);
        }
        if (ids != null) {
            options = options.withIds(ids);
        }
        if (epsilon != null && epsilon.absolute != null) {
            options = options.withEpsilon(epsilon.absolute);
        } else if (epsilon != null && epsilon.relative != null) {
            options = options.withEpsilonRel(epsilon.relative);
        }
        if (maxIterations != null) {
            options = options.withMaxIterations(maxIterations);
        } else if (solver == Solver.sinkhorn) {
            options = options.withMaxIterations(10_000);
        }
        if (plans) {
            options = options.withPlans(planMinMass);
        }
        SparkSession spark = settings.session("monge spark solve-groups");
        long start = System.nanoTime();
        settings.write(GroupedOT.solve(settings.read(spark, source), settings.read(spark, target), options), output);
        double seconds = (System.nanoTime() - start) / 1e9;
        Row summary = spark.read().format(SparkSettings.format(settings.outputFormat, output)).option("header", "true")
                .option("inferSchema", "true").load(output)
                .agg(count("*"), sum(when(not(col("converged").cast("boolean")), 1).otherwise(0)))
                .first();
        long groups = summary.getLong(0);
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("solver", solver.name());
        out.put("groups", groups);
        out.put("not_converged", summary.isNullAt(1) ? 0 : summary.getLong(1));
        out.put("output", output);
        out.put("master", spark.sparkContext().master());
        out.put("seconds", seconds);
        out.put("problems_per_second", groups / seconds);
        spec.commandLine().getOut().println(out.toString());
        return 0;
    }
}
