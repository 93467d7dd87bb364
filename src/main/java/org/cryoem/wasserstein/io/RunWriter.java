package org.cryoem.wasserstein.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import org.cryoem.wasserstein.Version;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Writes the output files of one classification run into a directory:
 * <dl>
 * <dt>{@value #CLASS_AVERAGES}</dt>
 * <dd>the class averages as a float32 MRC image stack, one image per class in
 * the result's order (largest class first); image c (0-based) is class c + 1.</dd>
 * <dt>{@value #PARTICLES}</dt>
 * <dd>RELION 3.1 layout: a {@code data_optics} block with one optics group
 * ({@code _rlnOpticsGroup 1}, {@code _rlnOpticsGroupName opticsGroup1},
 * {@code _rlnImageSize}, {@code _rlnImageDimensionality 2},
 * {@code _rlnImagePixelSize}, 1.0 when unknown) and a {@code data_particles}
 * loop with one row per input image in input order: {@code _rlnImageName}
 * ({@code 000001@input}, 1-based, at least 6 digits), {@code _rlnOpticsGroup},
 * {@code _rlnClassNumber} (1-based index into the class averages),
 * {@code _rlnAnglePsi} (degrees, in RELION's convention: {@link #relionPsi}
 * of {@link ClassificationResult#angleOf}) and
 * {@code _rlnW2dDistance}, a column of our own holding the distance of the image
 * to its (rotated) class average in the run's metric
 * ({@link ClassificationResult#distanceOf}). RELION ignores unknown columns
 * only in some programs, so strip it if a tool complains. Voltage, spherical
 * aberration and amplitude contrast are unknown here and are not written.</dd>
 * <dt>{@value #CLASSES}</dt>
 * <dd>{@code class,occupancy,mean_distance}, one row per class, 1-based; the
 * mean distance is empty for an empty class.</dd>
 * <dt>{@value #OCCUPANCY}</dt>
 * <dd>a bar chart of the occupancy per class.</dd>
 * <dt>{@value #RUN}</dt>
 * <dd>every parameter (mask_radius as the effective radius in pixels, threads
 * as the number used, with {@code threads_requested} as given), the input, the
 * image count and size, the software version, the iteration count, loss and
 * seconds per iteration, the initialisation time and the occupancy.</dd>
 * </dl>
 * Each file is written under a temporary hidden name in the directory and then
 * moved into place atomically (where the file system allows), so a reader
 * never sees a half-written file. Existing files are replaced.
 */
public final class RunWriter {

	/** File name of the class averages. */
	public static final String CLASS_AVERAGES = "class_averages.mrcs";
	/** File name of the per-particle STAR file. */
	public static final String PARTICLES = "particles.star";
	/** File name of the per-class table. */
	public static final String CLASSES = "classes.csv";
	/** File name of the occupancy chart. */
	public static final String OCCUPANCY = "occupancy.png";
	/** File name of the run summary. */
	public static final String RUN = "run.json";
	/** Name of the distance column in {@value #PARTICLES}. */
	public static final String DISTANCE_COLUMN = "_rlnW2dDistance";

	private RunWriter() {}

	/**
	 * Writes all output files with an unknown pixel size.
	 *
	 * @see #write(Path, String, int, int, double, ClassificationParameters,
	 *      ClassificationResult)
	 */
	public static List<Path> write(final Path outputDir, final String inputName,
		final int imageCount, final int imageSize, final ClassificationParameters params,
		final ClassificationResult result) throws IOException
	{
		return write(outputDir, inputName, imageCount, imageSize, Double.NaN, params, result);
	}

	/**
	 * Writes all output files, creating the directory if needed.
	 *
	 * @param outputDir directory to write into
	 * @param inputName input file name as it should appear in
	 *          {@code _rlnImageName} (e.g. the stack's file name) and run.json
	 * @param imageCount number of input images (must match the result)
	 * @param imageSize edge length N of the input images ({@link ParticleStack#size()})
	 * @param pixelSize pixel size in Å, NaN or ≤ 0 when unknown
	 * @param params the parameters of the run
	 * @param result the result of the run
	 * @return the files written
	 * @throws IllegalArgumentException if the result does not match the counts
	 * @throws IOException if a file cannot be written
	 */
	public static List<Path> write(final Path outputDir, final String inputName,
		final int imageCount, final int imageSize, final double pixelSize,
		final ClassificationParameters params, final ClassificationResult result) throws IOException
	{
		return write(outputDir, inputName, imageCount, imageSize, pixelSize, params, result, null,
			Collections.emptyMap());
	}

	/**
	 * Writes all output files, creating the directory if needed, with a given
	 * {@value #PARTICLES} (e.g. the input STAR file with the run's columns added,
	 * see {@link StarOutput}) and extra {@value #RUN} fields.
	 *
	 * @param particlesStar content of {@value #PARTICLES}; null for the default
	 *          layout described above
	 * @param extraRunFields further {@value #RUN} fields, name → JSON value
	 *          (already encoded, e.g. with {@link Json}), written after the others
	 * @see #write(Path, String, int, int, double, ClassificationParameters,
	 *      ClassificationResult)
	 */
	public static List<Path> write(final Path outputDir, final String inputName,
		final int imageCount, final int imageSize, final double pixelSize,
		final ClassificationParameters params, final ClassificationResult result,
		final StarFile particlesStar, final Map<String, String> extraRunFields) throws IOException
	{
		check(inputName, imageCount, imageSize, result);
		Files.createDirectories(outputDir);
		final boolean known = pixelSize > 0 && Double.isFinite(pixelSize);
		final List<Path> written = new ArrayList<>();
		written.add(atomically(outputDir.resolve(CLASS_AVERAGES), tmp -> Mrc.writeStack(tmp,
			new ParticleStack(result.size, result.classAverages), known ? pixelSize : Double.NaN)));
		written.add(atomically(outputDir.resolve(PARTICLES), tmp -> (particlesStar != null
			? particlesStar : particles(inputName, imageSize, known ? pixelSize : 1.0, result)).write(
				tmp)));
		written.add(atomically(outputDir.resolve(CLASSES), tmp -> writeText(tmp, classesCsv(result))));
		written.add(atomically(outputDir.resolve(OCCUPANCY), tmp -> {
			final BufferedImage img = occupancyChart(result.occupancy);
			try (OutputStream out = Files.newOutputStream(tmp)) {
				if (!ImageIO.write(img, "png", out)) throw new IOException("No PNG writer available");
			}
		}));
		written.add(atomically(outputDir.resolve(RUN), tmp -> writeText(tmp, runJson(inputName,
			imageCount, imageSize, known ? pixelSize : Double.NaN, params, result, extraRunFields))));
		return written;
	}

	private static void check(final String inputName, final int n, final int size,
		final ClassificationResult r)
	{
		if (inputName == null || inputName.isEmpty()) throw new IllegalArgumentException(
			"The input name is empty");
		if (r.particleCount() != n) throw new IllegalArgumentException("The result has " + r
			.particleCount() + " particles but the input has " + n + " images");
		if (r.size != size) throw new IllegalArgumentException("The result is for " + r.size + "×" +
			r.size + " images but the input images are " + size + "×" + size);
		if (r.angleOf.length != n || r.distanceOf.length != n) throw new IllegalArgumentException(
			"The result's per-particle arrays have inconsistent lengths");
		final int k = r.classCount();
		if (k < 1 || r.occupancy.length != k) throw new IllegalArgumentException(
			"The result's class arrays have inconsistent lengths");
		for (final int c : r.classOf)
			if (c < 0 || c >= k) throw new IllegalArgumentException("Class index " + c +
				" out of range 0.." + (k - 1));
	}

	// ------------------------------------------------------------ file contents

	/** @return the STAR content of {@value #PARTICLES} */
	static StarFile particles(final String inputName, final int imageSize, final double pixelSize,
		final ClassificationResult r)
	{
		final StarFile star = new StarFile().setHeaderComment("version 30001");
		star.addBlock("optics").addColumns("_rlnOpticsGroup", "_rlnOpticsGroupName", "_rlnImageSize",
			"_rlnImageDimensionality", "_rlnImagePixelSize").addRow("1", "opticsGroup1", Integer.toString(
				imageSize), "2", fmt(pixelSize, 6));
		final StarFile.Block p = star.addBlock("particles").addColumns("_rlnImageName",
			"_rlnOpticsGroup", "_rlnClassNumber", "_rlnAnglePsi", DISTANCE_COLUMN);
		for (int i = 0; i < r.particleCount(); i++) {
			p.addRow(String.format(Locale.ROOT, "%06d@%s", i + 1, inputName), "1", Integer.toString(
				r.classOf[i] + 1), fmt(relionPsi(r.angleOf[i]), 6), Double.toString(r.distanceOf[i]));
		}
		return star;
	}

	private static String fmt(final double v, final int decimals) {
		if (!Double.isFinite(v)) return Double.toString(v);
		return String.format(Locale.ROOT, "%." + decimals + "f", v);
	}

	/** @return the content of {@value #CLASSES} */
	static String classesCsv(final ClassificationResult r) {
		final int k = r.classCount();
		final double[] sum = new double[k];
		final int[] count = new int[k];
		for (int i = 0; i < r.particleCount(); i++) {
			sum[r.classOf[i]] += r.distanceOf[i];
			count[r.classOf[i]]++;
		}
		final StringBuilder sb = new StringBuilder("class,occupancy,mean_distance\n");
		for (int c = 0; c < k; c++) {
			sb.append(c + 1).append(',').append(r.occupancy[c]).append(',');
			if (count[c] > 0) {
				final double mean = sum[c] / count[c];
				if (Double.isFinite(mean)) sb.append(mean);
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	/** @return the content of {@value #RUN} */
	static String runJson(final String inputName, final int imageCount, final int imageSize,
		final double pixelSize, final ClassificationParameters p, final ClassificationResult r)
	{
		return runJson(inputName, imageCount, imageSize, pixelSize, p, r, Collections.emptyMap());
	}

	/** @return the content of {@value #RUN}, with extra fields at the end */
	static String runJson(final String inputName, final int imageCount, final int imageSize,
		final double pixelSize, final ClassificationParameters p, final ClassificationResult r,
		final Map<String, String> extra)
	{
		final StringBuilder sb = new StringBuilder("{\n");
		final String[][] fields = { //
			{ "software", Json.string("Wasserstein 2D Classes") }, //
			{ "version", Json.string(Version.get()) }, //
			{ "created", Json.string(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()) }, //
			{ "input", Json.string(inputName) }, //
			{ "image_count", Integer.toString(imageCount) }, //
			{ "image_size", Integer.toString(imageSize) }, //
			{ "pixel_size", Json.number(pixelSize) }, //
			{ "classes", Integer.toString(p.classes) }, //
			{ "metric", Json.string(p.metric) }, //
			{ "rotations", Integer.toString(p.rotations) }, //
			{ "max_iterations", Integer.toString(p.maxIterations) }, //
			{ "seed", Long.toString(p.seed) }, //
			{ "threads", Integer.toString(p.effectiveThreads()) }, //
			{ "threads_requested", Integer.toString(p.threads) }, //
			{ "mask_radius", Json.number(p.effectiveMaskRadius(imageSize)) }, //
			{ "wavelet", Json.string(p.wavelet) }, //
			{ "levels", Integer.toString(p.levels) }, //
			{ "mode", Json.string(p.mode) }, //
			{ "search", Json.string(p.search) }, //
			{ "iterations", Integer.toString(r.iterations()) }, //
			{ "loss", Json.array(r.loss) }, //
			{ "seconds_per_iteration", Json.array(r.secondsPerIteration) }, //
			{ "init_seconds", Json.number(r.initSeconds) }, //
			{ "occupancy", Json.array(r.occupancy) } };
		for (int i = 0; i < fields.length; i++) {
			sb.append("  ").append(Json.string(fields[i][0])).append(": ").append(fields[i][1]);
			sb.append(i + 1 < fields.length || !extra.isEmpty() ? ",\n" : "\n");
		}
		int e = 0;
		for (final Map.Entry<String, String> f : extra.entrySet()) {
			sb.append("  ").append(Json.string(f.getKey())).append(": ").append(f.getValue());
			sb.append(++e < extra.size() ? ",\n" : "\n");
		}
		return sb.append("}\n").toString();
	}

	// ------------------------------------------------------------ chart

	private static final Color BAR = new Color(0x3A6EA5);
	private static final Color GRID = new Color(0xE3E3E3);
	private static final Color AXIS = new Color(0x333333);
	private static final Color TEXT = new Color(0x222222);

	/**
	 * Our in-plane angle θ says the particle matches the class average rotated by
	 * θ as {@link org.cryoem.wasserstein.image.Rotation} turns it (clockwise on
	 * screen). RELION's psi turns the other way: a RELION projection at psi is
	 * the psi = 0 projection rotated by θ = −psi (pinned by
	 * {@code PsiConventionTest} against our RELION-matched projector). So
	 * {@code _rlnAnglePsi} = −θ, written in [0, 360).
	 *
	 * @param theta our angle in degrees
	 * @return RELION's psi in degrees, in [0, 360)
	 */
	public static double relionPsi(final double theta) {
		final double psi = -theta % 360.0;
		return psi < 0 ? psi + 360.0 : psi + 0.0;
	}

	/**
	 * Draws a bar chart of the occupancy per class (class 1 first), with a title,
	 * axis labels, a grid and the count above each bar (turned vertical when
	 * horizontal labels would overlap, left out when bars are too narrow).
	 *
	 * @param occupancy members per class
	 * @return an RGB image, about 640–1600 pixels wide
	 */
	public static BufferedImage occupancyChart(final int[] occupancy) {
		final int k = occupancy.length;
		long total = 0;
		int max = 0;
		for (final int o : occupancy) {
			total += o;
			max = Math.max(max, o);
		}
		final int left = 84, right = 30, top = 70, bottom = 70;
		final int plotW = Math.max(520, Math.min(1480, k * 44));
		final int plotH = 400;
		final int w = left + plotW + right, h = top + plotH + bottom;
		final BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = img.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
				RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
				RenderingHints.VALUE_FRACTIONALMETRICS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, w, h);

			// counts above the bars: horizontal where they fit, else vertical, else none
			final double slot = (double) plotW / k;
			final Font countFont = new Font(Font.SANS_SERIF, Font.PLAIN, slot >= 30 ? 12 : 11);
			final FontMetrics cfm = g.getFontMetrics(countFont);
			boolean horizontal = true;
			int widest = 0;
			for (final int o : occupancy) {
				final int sw = cfm.stringWidth(Integer.toString(o));
				widest = Math.max(widest, sw);
				horizontal &= sw + 2 <= slot;
			}
			final boolean vertical = !horizontal && slot >= cfm.getAscent() + 2;
			final int labelRoom = horizontal ? cfm.getAscent() + 6 : vertical ? widest + 8 : 0;

			// y axis: "nice" tick step 1, 2 or 5 × 10^e, about 5 ticks, room for the counts
			final double step = niceStep(Math.max(1, max) / 5.0);
			final double needed = Math.max(1, max) * plotH / (double) Math.max(1, plotH - labelRoom);
			final double yMax = Math.max(step, Math.ceil(needed / step) * step);
			final Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
			g.setFont(tickFont);
			FontMetrics fm = g.getFontMetrics();
			for (int t = 0; t * step <= yMax + 1e-9; t++) {
				final double v = t * step;
				final int y = top + plotH - (int) Math.round(v / yMax * plotH);
				g.setColor(GRID);
				g.setStroke(new BasicStroke(1f));
				if (t > 0) g.drawLine(left + 1, y, left + plotW, y);
				g.setColor(TEXT);
				final String s = Long.toString(Math.round(v));
				g.drawString(s, left - 8 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
				g.setColor(AXIS);
				g.drawLine(left - 4, y, left, y);
			}

			// bars, at most 90 pixels wide
			final double barW = Math.min(90, Math.max(1, slot * (slot >= 6 ? 0.78 : 1)));
			for (int c = 0; c < k; c++) {
				final int bh = (int) Math.round(occupancy[c] / yMax * plotH);
				final int x0 = left + (int) Math.round(c * slot + (slot - barW) / 2);
				final int bw = Math.max(1, (int) Math.round(barW));
				g.setColor(BAR);
				g.fillRect(x0, top + plotH - bh, bw, bh);
				final String s = Integer.toString(occupancy[c]);
				g.setFont(countFont);
				g.setColor(TEXT);
				if (horizontal) {
					g.drawString(s, x0 + (bw - cfm.stringWidth(s)) / 2f, top + plotH - bh - 4);
				}
				else if (vertical) {
					final AffineTransform saved = g.getTransform();
					g.translate(x0 + (bw + cfm.getAscent()) / 2.0 - 1, top + plotH - bh - 4);
					g.rotate(-Math.PI / 2);
					g.drawString(s, 0, 0);
					g.setTransform(saved);
				}
			}

			// axes
			g.setColor(AXIS);
			g.setStroke(new BasicStroke(1.2f));
			g.drawLine(left, top + plotH, left + plotW, top + plotH);
			g.drawLine(left, top, left, top + plotH);

			// x tick labels: every class number that fits, always including class 1
			g.setFont(tickFont);
			fm = g.getFontMetrics();
			final int labelW = fm.stringWidth(Integer.toString(k)) + 8;
			int every = 1;
			final int[] nice = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000 };
			for (final int e : nice) {
				every = e;
				if (e * slot >= labelW) break;
			}
			for (int c = 0; c < k; c++) {
				if (c != 0 && (c + 1) % every != 0) continue;
				final String s = Integer.toString(c + 1);
				final int xc = left + (int) Math.round((c + 0.5) * slot);
				g.drawLine(xc, top + plotH, xc, top + plotH + 4);
				g.drawString(s, xc - fm.stringWidth(s) / 2f, top + plotH + 6 + fm.getAscent());
			}

			// axis titles
			final Font axisFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
			g.setFont(axisFont);
			fm = g.getFontMetrics();
			final String xTitle = "Class";
			g.drawString(xTitle, left + (plotW - fm.stringWidth(xTitle)) / 2f, h - 18);
			final String yTitle = "Particles";
			final AffineTransform saved = g.getTransform();
			g.rotate(-Math.PI / 2);
			g.drawString(yTitle, -(top + (plotH + fm.stringWidth(yTitle)) / 2f), 24);
			g.setTransform(saved);

			// title
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
			fm = g.getFontMetrics();
			final String title = "Class occupancy";
			g.setColor(TEXT);
			g.drawString(title, left, 32);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			g.setColor(new Color(0x555555));
			g.drawString(String.format(Locale.ROOT, "%,d particle%s in %d class%s", total,
				total == 1 ? "" : "s", k, k == 1 ? "" : "es"), left, 54);
		}
		finally {
			g.dispose();
		}
		return img;
	}

	private static double niceStep(final double raw) {
		final double e = Math.pow(10, Math.floor(Math.log10(raw)));
		final double f = raw / e;
		final double n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
		return Math.max(1, n * e);
	}

	// ------------------------------------------------------------ atomic files

	/** Writes one file's content to a given (temporary) path. */
	interface FileWriter {

		void write(Path tmp) throws IOException;
	}

	static void writeText(final Path file, final String text) throws IOException {
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
			StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
		{
			w.write(text);
		}
	}

	/**
	 * Writes a file under a temporary name in the target's directory, then moves
	 * it into place (atomically where supported, replacing an existing file).
	 */
	static Path atomically(final Path target, final FileWriter writer) throws IOException {
		final Path dir = target.toAbsolutePath().getParent();
		final Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(
			ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
		boolean done = false;
		try {
			writer.write(tmp);
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			done = true;
			return target;
		}
		finally {
			if (!done) Files.deleteIfExists(tmp);
		}
	}
}
