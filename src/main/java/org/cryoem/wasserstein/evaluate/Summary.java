package org.cryoem.wasserstein.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The evaluation of one classification against known viewing directions, and
 * its {@code summary.json}.
 * <p>
 * JSON keys (numbers; NaN and infinities are written as {@code null}):
 * </p>
 * <ul>
 * <li>{@code median_deg}, {@code mean_deg}, {@code p25_deg}, {@code p75_deg}:
 * pooled within-class pair angles ({@link AngularSpread});</li>
 * <li>{@code frac_below_20deg}: fraction of pair angles below 20°;</li>
 * <li>{@code occupancy_max}, {@code occupancy_median}, {@code occupancy_gini}
 * ({@link Occupancy});</li>
 * <li>and, for context, {@code pairs}, {@code classes}, {@code particles},
 * {@code quantiles_exact} (boolean) and {@code quantile_method}.</li>
 * </ul>
 */
public final class Summary {

	/** Within-class angular spread. */
	public final AngularSpread angles;
	/** Class occupancy measures. */
	public final Occupancy occupancy;

	public Summary(final AngularSpread angles, final Occupancy occupancy) {
		this.angles = angles;
		this.occupancy = occupancy;
	}

	/** @return the summary as a JSON object, keys in a fixed order, ending with a newline */
	public String toJson() {
		final StringBuilder sb = new StringBuilder("{\n");
		field(sb, "median_deg", number(angles.median));
		field(sb, "mean_deg", number(angles.mean));
		field(sb, "p25_deg", number(angles.p25));
		field(sb, "p75_deg", number(angles.p75));
		field(sb, "frac_below_20deg", number(angles.fractionBelow20));
		field(sb, "occupancy_max", Integer.toString(occupancy.max));
		field(sb, "occupancy_median", number(occupancy.median));
		field(sb, "occupancy_gini", number(occupancy.gini));
		field(sb, "pairs", Long.toString(angles.pairs));
		field(sb, "classes", Integer.toString(occupancy.classes));
		field(sb, "particles", Long.toString(occupancy.particles));
		field(sb, "quantiles_exact", Boolean.toString(angles.exact));
		sb.append("  \"quantile_method\": \"linear interpolation (Hyndman-Fan type 7, numpy default)\"\n");
		return sb.append("}\n").toString();
	}

	/** Writes {@link #toJson()} to a file (UTF-8), replacing it. */
	public void write(final Path file) throws IOException {
		Files.write(file, toJson().getBytes(StandardCharsets.UTF_8));
	}

	private static void field(final StringBuilder sb, final String key, final String value) {
		sb.append("  \"").append(key).append("\": ").append(value).append(",\n");
	}

	/** A JSON number: shortest round-trip form, {@code null} if not finite. */
	static String number(final double v) {
		if (!Double.isFinite(v)) return "null";
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		return Double.toString(v).replace("E", "e");
	}
}
