package io.github.mongeot.core.io;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.github.mongeot.core.data.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Comma-separated numbers, one row per line (read and written through FastCSV).
 *
 * <p>Reading: blank lines and lines starting with {@code #} (numpy's {@code savetxt} header) are
 * skipped; the first row is a header, and skipped, when <em>none</em> of its cells is a number
 * (so {@code x,y} is a header but a data row with one bad cell is reported, not dropped). Cells
 * may have surrounding spaces; {@code nan}, {@code inf}, {@code -inf} (any case) and
 * {@code NaN}/{@code Infinity} are read as such, for validation to reject with their row.
 *
 * <p>Writing: one line per row, {@code \n} line ends, each value with 17 significant digits as
 * C's {@code %.17g} prints it (what {@code np.savetxt(fmt="%.17g")} writes), which round-trips
 * every float64 exactly.
 */
final class Csv {
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private Csv() {
    }

    /** Reads a 2-D array (n rows × d columns); {@code source} names the file in errors. */
    static NdArray read(String source, Reader input) {
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator(',')
                .commentStrategy(CommentStrategy.SKIP)
                .commentCharacter('#')
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .ofCsvRecord(skipByteOrderMark(source, input));
        double[] values = new double[1024];
        int count = 0;
        int columns = -1;
        int rows = 0;
        boolean sawHeader = false;
        try (reader) {
            for (CsvRecord record : reader) {
                int fields = record.getFieldCount();
                long line = record.getStartingLineNumber();
                if (fields == 1 && record.getField(0).isBlank()) {
                    continue; // a line of spaces
                }
                if (columns < 0) {
                    columns = fields;
                    if (!sawHeader && isHeader(record)) {
                        sawHeader = true;
                        continue;
                    }
                }
                if (fields != columns) {
                    throw new InvalidInputException(source + ": line " + line + " has " + fields
                            + (fields == 1 ? " column" : " columns") + ", expected " + columns + " (ragged CSV)");
                }
                if (count + columns > values.length) {
                    values = Arrays.copyOf(values, Math.max(values.length * 2, count + columns));
                }
                for (int k = 0; k < columns; k++) {
                    values[count++] = parseCell(source, line, k, record.getField(k));
                }
                rows++;
            }
        } catch (CsvParseException e) {
            throw new InvalidInputException(source + ": malformed CSV (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(source + ": cannot read (" + AtomicFiles.describe(e.getCause()) + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        if (rows == 0) {
            throw new InvalidInputException(source + (sawHeader ? ": no data rows after the header line" : ": empty file (no rows)"));
        }
        return NdArray.wrap(new int[] {rows, columns}, Arrays.copyOf(values, count));
    }

    /** Drops a leading U+FEFF (spreadsheets write one) so it does not stick to the first cell. */
    private static Reader skipByteOrderMark(String source, Reader input) {
        PushbackReader reader = new PushbackReader(input, 1);
        try {
            int first = reader.read();
            if (first != -1 && first != '\uFEFF') {
                reader.unread(first);
            }
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        return reader;
    }

    /** Writes a 0-D, 1-D (one value per line) or 2-D array. */
    static void write(String target, NdArray array, OutputStream out) throws IOException {
        int rank = array.rank();
        if (rank > 2) {
            throw new InvalidInputException(target + ": CSV holds 1-D or 2-D arrays; write shape "
                    + array.shapeString() + " as .npy or .npz");
        }
        int columns = rank == 2 ? array.dim(1) : 1;
        int rows = rank == 0 ? 1 : array.dim(0);
        double[] values = array.dataUnsafe();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().fieldSeparator(',').lineDelimiter(LineDelimiter.LF).build(writer);
        String[] cells = new String[columns];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < columns; k++) {
                cells[k] = format(values[i * columns + k]);
            }
            csv.writeRecord(cells);
        }
        csv.flush();
    }

    /** C's {@code %.17g}: 17 significant digits, trailing zeros dropped, exponent form outside [1e-4, 1e17). */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 17) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
        StringBuilder text = new StringBuilder(32);
        if (value < 0) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append(exponent < 0 ? "e-" : "e+");
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            text.append('0');
        }
        return text.append(magnitude).toString();
    }

    private static boolean isHeader(CsvRecord record) {
        for (String cell : record.getFields()) {
            if (parseNumber(cell) != null) {
                return false;
            }
        }
        return true;
    }

    private static double parseCell(String source, long line, int column, String cell) {
        Double value = parseNumber(cell);
        if (value != null) {
            return value;
        }
        String where = source + ": line " + line + ", column " + (column + 1);
        if (cell.isBlank()) {
            throw new InvalidInputException(where + " is empty");
        }
        String hint = cell.indexOf(';') >= 0 || cell.indexOf('\t') >= 0 || cell.trim().indexOf(' ') >= 0
                ? " (columns must be separated by commas)" : "";
        throw new InvalidInputException(where + ": '" + abbreviate(cell) + "' is not a number" + hint);
    }

    /** A number, or null when the text is not one. */
    static Double parseNumber(String cell) {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        char last = lower.charAt(lower.length() - 1);
        if (last == 'd' || last == 'f' || lower.contains("x")) {
            return null; // Java-only syntaxes (1.0d, 0x1p3) are not numbers in a CSV file
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 37) + "...";
    }
}
