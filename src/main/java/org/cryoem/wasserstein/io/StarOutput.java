package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.image.Preprocessing;

/**
 * Writes a run whose input came from a file ({@link ParticleInput}), possibly
 * preprocessed, through {@link RunWriter}:
 * <ul>
 * <li>for a STAR input, {@value RunWriter#PARTICLES} is the input STAR file
 * with every block, pair, column and row kept in order, plus (added, or
 * overwritten where present) {@code _rlnClassNumber}, {@code _rlnAnglePsi}
 * (RELION's sign, {@link RunWriter#relionPsi}) and
 * {@value RunWriter#DISTANCE_COLUMN} in the particle table;</li>
 * <li>for an image stack, the default layout of {@link RunWriter}, whose
 * optics block describes the input images as they are on disk (size and pixel
 * size before {@code box});</li>
 * <li>{@value RunWriter#RUN} gets {@code input_path} (absolute),
 * {@code input_format} ({@code star} or {@code stack}),
 * {@code input_image_size}, {@code input_pixel_size}, {@code box},
 * {@code normalize} and {@code invert}; its {@code image_size} and
 * {@code pixel_size} are those of the working images, the size of the class
 * averages.</li>
 * </ul>
 * Image names are never rewritten: {@code _rlnImageName} still points at the
 * raw images, so the optics block keeps their size and pixel size.
 */
public final class StarOutput {

	private StarOutput() {}

	/**
	 * Writes the run's output directory.
	 *
	 * @param dir output directory
	 * @param input the input as read and preprocessed; its working images were
	 *          classified
	 * @param params the parameters of the run
	 * @param result its result
	 * @return the files written
	 */
	public static List<Path> write(final Path dir, final ParticleInput input,
		final ClassificationParameters params, final ClassificationResult result) throws IOException
	{
		final StarFile star = input.star != null ? keepingInput(input.star.star, input.star.particles,
			result) : RunWriter.particles(input.name(), input.rawSize, input.pixelSize > 0
				? input.pixelSize : 1.0, result);
		star.blocks().add(classesBlock(input.stack.size(), input.workingPixelSize(), result));
		return RunWriter.write(dir, input.name(), input.stack.count(), input.stack.size(), input
			.workingPixelSize(), params, result, star, runFields(input));
	}

	/** Name of the block that describes the class averages. */
	public static final String CLASSES_BLOCK = "w2d_classes";

	/**
	 * @return the block {@code data_w2d_classes}: one row per class with its
	 *         slice of {@value RunWriter#CLASS_AVERAGES}
	 *         ({@code _rlnReferenceImage}), its share of the particles
	 *         ({@code _rlnClassDistribution}) and the working size and pixel
	 *         size of the averages ({@code _rlnImageSize},
	 *         {@code _rlnImagePixelSize}; after {@code --box}, unlike the optics
	 *         block, which describes the images on disk)
	 */
	static StarFile.Block classesBlock(final int size, final double pixelSize,
		final ClassificationResult r)
	{
		final StarFile.Block b = new StarFile.Block(CLASSES_BLOCK).addColumns("_rlnClassNumber",
			"_rlnReferenceImage", "_rlnClassDistribution", "_rlnImageSize", "_rlnImagePixelSize");
		for (int c = 0; c < r.classCount(); c++) {
			b.addRow(Integer.toString(c + 1), String.format(Locale.ROOT, "%06d@%s", c + 1,
				RunWriter.CLASS_AVERAGES), String.format(Locale.ROOT, "%.6f", r.occupancy[c] /
					(double) r.particleCount()), Integer.toString(size), Double.isFinite(pixelSize) &&
						pixelSize > 0 ? String.format(Locale.ROOT, "%.6f", pixelSize) : "1.000000");
		}
		return b;
	}

	/** @return the extra {@value RunWriter#RUN} fields described above */
	static Map<String, String> runFields(final ParticleInput input) {
		final Preprocessing prep = input.prep;
		final Map<String, String> f = new LinkedHashMap<>();
		f.put("input_path", Json.string(input.path.toAbsolutePath().normalize().toString()));
		f.put("input_format", Json.string(input.star != null ? "star" : "stack"));
		f.put("input_image_size", Integer.toString(input.rawSize));
		f.put("input_pixel_size", Json.number(input.pixelSize > 0 ? input.pixelSize : Double.NaN));
		f.put("box", Integer.toString(input.stack.size()));
		f.put("normalize", Boolean.toString(prep.normalize));
		f.put("invert", Boolean.toString(prep.invert));
		return f;
	}

	/**
	 * @param input a STAR file as read
	 * @param particles its particle table, one row per particle of the result
	 * @param r the result
	 * @return a new STAR file: every block of the input in order, the particle
	 *         table with the run's columns added or overwritten
	 */
	public static StarFile keepingInput(final StarFile input, final StarFile.Block particles,
		final ClassificationResult r)
	{
		if (particles.rows().size() != r.particleCount()) throw new IllegalArgumentException(
			"The STAR table has " + particles.rows().size() + " rows but the result " + r
				.particleCount() + " particles");
		final StarFile out = new StarFile();
		if (input.block("optics") != null) out.setHeaderComment("version 30001");
		for (final StarFile.Block b : input.blocks()) {
			final StarFile.Block c = new StarFile.Block(b.name());
			for (final Map.Entry<String, String> e : b.pairs().entrySet())
				c.put(e.getKey(), e.getValue());
			if (b == particles) copyWithResult(b, c, r);
			else if (b.isLoop()) {
				c.addColumns(b.columns().toArray(new String[0]));
				for (final String[] row : b.rows())
					c.addRow(row);
			}
			out.blocks().add(c);
		}
		return out;
	}

	private static void copyWithResult(final StarFile.Block in, final StarFile.Block out,
		final ClassificationResult r)
	{
		final String[] added = { "_rlnClassNumber", "_rlnAnglePsi", RunWriter.DISTANCE_COLUMN };
		final List<String> cols = new java.util.ArrayList<>(in.columns());
		final int[] at = new int[added.length];
		for (int a = 0; a < added.length; a++) {
			int i = in.columnIndex(added[a]);
			if (i < 0) {
				i = cols.size();
				cols.add(added[a]);
			}
			at[a] = i;
		}
		out.addColumns(cols.toArray(new String[0]));
		for (int row = 0; row < r.particleCount(); row++) {
			final String[] v = java.util.Arrays.copyOf(in.rows().get(row), cols.size());
			v[at[0]] = Integer.toString(r.classOf[row] + 1);
			v[at[1]] = String.format(Locale.ROOT, "%.6f", RunWriter.relionPsi(r.angleOf[row]));
			v[at[2]] = Double.toString(r.distanceOf[row]);
			out.addRow(v);
		}
	}
}
