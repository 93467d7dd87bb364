package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The ground-truth STAR file of a simulation ({@code truth.star}): one
 * {@code data_particles} row per image with {@code _rlnImageName}
 * ({@code 000001@stack.mrcs}), {@code _rlnAngleRot}, {@code _rlnAngleTilt} and
 * {@code _rlnAnglePsi} in RELION's ZYZ convention (degrees).
 */
public final class AnglesStar {

	private AnglesStar() {}

	/**
	 * Writes angles for the images of {@code stackName}, in order.
	 *
	 * @param angles per image {rot, tilt, psi} in degrees
	 */
	public static void write(final Path file, final String stackName, final double[][] angles)
		throws IOException
	{
		final StarFile star = new StarFile().setHeaderComment("version 30001");
		final StarFile.Block b = star.addBlock("particles").addColumns("_rlnImageName",
			"_rlnAngleRot", "_rlnAngleTilt", "_rlnAnglePsi");
		for (int i = 0; i < angles.length; i++) {
			b.addRow(imageName(i, stackName), f(angles[i][0]), f(angles[i][1]), f(angles[i][2]));
		}
		star.write(file);
	}

	/** @return {@code NNNNNN@stackName} for 0-based index i */
	public static String imageName(final int i, final String stackName) {
		return String.format(Locale.ROOT, "%06d@%s", i + 1, stackName);
	}

	/**
	 * Reads per-row {rot, tilt, psi} from the particles block (the block named
	 * {@code particles}, or the only loop of a RELION 3.0 file).
	 */
	public static double[][] read(final Path file) throws IOException {
		final StarFile.Block b = particles(file, StarFile.read(file));
		for (final String c : new String[] { "_rlnAngleRot", "_rlnAngleTilt" })
			if (b.columnIndex(c) < 0) throw new InvalidInputException(file, "no column " + c);
		final boolean hasPsi = b.columnIndex("_rlnAnglePsi") >= 0;
		final double[][] a = new double[b.rows().size()][];
		for (int i = 0; i < a.length; i++) {
			a[i] = new double[] { number(file, b, i, "_rlnAngleRot"), number(file, b, i,
				"_rlnAngleTilt"), hasPsi ? number(file, b, i, "_rlnAnglePsi") : 0 };
		}
		return a;
	}

	/** @return the 1-based class numbers of a particles STAR file, per row */
	public static int[] readClassNumbers(final Path file) throws IOException {
		final StarFile.Block b = particles(file, StarFile.read(file));
		if (b.columnIndex("_rlnClassNumber") < 0) throw new InvalidInputException(file,
			"no column _rlnClassNumber");
		final int[] c = new int[b.rows().size()];
		for (int i = 0; i < c.length; i++) {
			final double v = number(file, b, i, "_rlnClassNumber");
			if (v != Math.rint(v) || v < 1) throw new InvalidInputException(file, "row " + (i + 1) +
				": _rlnClassNumber must be a positive whole number");
			c[i] = (int) v;
		}
		return c;
	}

	/** @return the {@code _rlnImageName} of every row, or null if there is no such column */
	public static String[] readImageNames(final Path file) throws IOException {
		final StarFile.Block b = particles(file, StarFile.read(file));
		if (b.columnIndex("_rlnImageName") < 0) return null;
		final String[] s = new String[b.rows().size()];
		for (int i = 0; i < s.length; i++)
			s[i] = b.value(i, "_rlnImageName");
		return s;
	}

	private static StarFile.Block particles(final Path file, final StarFile star)
		throws InvalidInputException
	{
		final StarFile.Block named = star.block("particles");
		if (named != null && named.isLoop()) return named;
		StarFile.Block only = null;
		for (final StarFile.Block b : star.blocks()) {
			if (!b.isLoop() || b.name().equals("optics")) continue;
			if (only != null) throw new InvalidInputException(file,
				"several loops and no data_particles block");
			only = b;
		}
		if (only == null) throw new InvalidInputException(file, "no particle table (loop_) found");
		return only;
	}

	private static double number(final Path file, final StarFile.Block b, final int row,
		final String column) throws InvalidInputException
	{
		final String v = b.value(row, column);
		try {
			final double d = Double.parseDouble(v);
			if (Double.isFinite(d)) return d;
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		throw new InvalidInputException(file, "row " + (row + 1) + ": " + column +
			" is not a number: '" + v + "'");
	}

	private static String f(final double v) {
		return String.format(Locale.ROOT, "%.6f", v);
	}
}
