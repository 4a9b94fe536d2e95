package io.github.mongeot.methods.gradnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.io.NdArray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Densities named on the command line: {@code gaussian:FILE.json} ({"mean": [..], "cov": [[..]]}),
 * {@code gmm:FILE.json} ({"weights": [..], "means": [[..]], "covs": [[[..]]]}) and
 * {@code image:FILE.png} / {@code image:FILE.npy} (grey levels, any size; a PNG's brightness, a
 * .npy's 2-D array) as an {@link ImageDensity} with the given kernel bandwidth.
 */
public final class DensitySpecs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DensitySpecs() {
    }

    /** Parses KIND:FILE; {@code imageBandwidth} is the kernel variance of image densities. */
    public static Density parse(String spec, double imageBandwidth) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new InvalidInputException("density '" + spec + "': expected gaussian:FILE.json, gmm:FILE.json or image:FILE.png|npy");
        }
        String kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!kind.equals("gaussian") && !kind.equals("gmm") && !kind.equals("image")) {
            throw new InvalidInputException("density '" + spec + "': unknown kind '" + kind + "' (gaussian, gmm or image)");
        }
        Path file = Path.of(spec.substring(colon + 1));
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file + ": cannot read the " + kind + " density file");
        }
        return switch (kind) {
            case "gaussian" -> GaussianMixtureDensity.gaussian(gaussian(readJson(file), file.toString()));
            case "gmm" -> mixture(readJson(file), file.toString());
            case "image" -> ImageDensity.of(image(file), imageBandwidth, file.toString());
            default -> throw new InvalidInputException("density '" + spec + "': unknown kind '" + kind + "' (gaussian, gmm or image)");
        };
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static Gaussian gaussian(JsonNode node, String source) {
        double[] mean = vector(field(node, source, "mean"), source + " mean");
        JsonNode cov = node.has("cov") ? node.get("cov") : field(node, source, "covariance");
        return new Gaussian(mean, matrix(cov, source + " cov"));
    }

    private static GaussianMixtureDensity mixture(JsonNode node, String source) {
        double[] weights = vector(field(node, source, "weights"), source + " weights");
        JsonNode means = field(node, source, "means");
        JsonNode covs = node.has("covs") ? node.get("covs") : field(node, source, "covariances");
        if (!means.isArray() || !covs.isArray() || means.size() != weights.length || covs.size() != weights.length) {
            throw new InvalidInputException(source + ": 'weights', 'means' and 'covs' must be arrays of one length");
        }
        List<Gaussian> components = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            components.add(new Gaussian(vector(means.get(k), source + " means[" + k + "]"), matrix(covs.get(k), source + " covs[" + k + "]")));
        }
        return new GaussianMixtureDensity(weights, components);
    }

    private static JsonNode field(JsonNode node, String source, String name) {
        if (node == null || !node.hasNonNull(name)) {
            throw new InvalidInputException(source + ": missing '" + name + "'");
        }
        return node.get(name);
    }

    private static double[] vector(JsonNode node, String what) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(what + ": expected a non-empty array of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            if (!node.get(i).isNumber()) {
                throw new InvalidInputException(what + ": entry " + (i + 1) + " is not a number");
            }
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonNode node, String what) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(what + ": expected an array of rows");
        }
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(node.get(i), what + " row " + (i + 1));
        }
        return m;
    }

    /** Grey levels of a PNG (brightness of each pixel, 0..1) or of a 2-D .npy/.csv array. */
    static double[][] image(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            BufferedImage img;
            try {
                img = ImageIO.read(file.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(file + ": cannot read the PNG (" + e.getMessage() + ")");
            }
            if (img == null) {
                throw new InvalidInputException(file + ": not a readable PNG image");
            }
            double[][] grey = new double[img.getHeight()][img.getWidth()];
            for (int r = 0; r < grey.length; r++) {
                for (int c = 0; c < grey[r].length; c++) {
                    int rgb = img.getRGB(c, r);
                    double alpha = ((rgb >>> 24) & 0xff) / 255.0;
                    grey[r][c] = alpha * (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3 * 255.0);
                }
            }
            return grey;
        }
        NdArray array = ArrayIO.readArray(file);
        if (array.rank() != 2) {
            throw new InvalidInputException(file + ": an image array must be 2-D (rows × columns), got shape " + array.shapeString());
        }
        return array.toRows();
    }
}
