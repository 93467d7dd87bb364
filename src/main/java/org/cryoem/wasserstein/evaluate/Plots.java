package org.cryoem.wasserstein.evaluate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Evaluation plots, drawn with java.awt into PNG files. Only off-screen
 * {@link BufferedImage}s are used, so this works in headless mode
 * ({@code -Djava.awt.headless=true}) as well as inside Fiji.
 * <ul>
 * <li>{@link #angles}: density of within-class pair angles, one line per
 * labelled series (e.g. W1 and L2, as in Figure 2 of Rao, Moscovich and
 * Singer), each with a dashed line at its median, over the grey reference
 * density of two independent uniformly random directions (sin θ / 2).</li>
 * <li>{@link #occupancy}: class sizes as bars sorted from largest to smallest,
 * with the mean as a dashed line.</li>
 * <li>{@link #topClasses}: a montage of the largest class averages, each
 * scaled to its own minimum–maximum grey range, labelled with rank, size and
 * share of the particles.</li>
 * </ul>
 */
public final class Plots {

	/** One labelled series of {@link #angles}. */
	public static final class Series {

		final String label;
		final AngularSpread spread;

		/**
		 * @param label legend text, e.g. "W1" or "L2"
		 * @param spread its angular spread
		 */
		public Series(final String label, final AngularSpread spread) {
			this.label = label;
			this.spread = spread;
		}
	}

	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(
		0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b) };
	private static final Color AXIS = new Color(0x333333);
	private static final Color GRID = new Color(0xe6e6e6);
	private static final Color REFERENCE = new Color(0x9a9a9a);
	private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
	private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
	private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

	private Plots() {}

	/**
	 * Draws the pair-angle densities of one or more series.
	 *
	 * @param file PNG file to write (replaced)
	 * @param series one or more series; series without pairs are listed in the legend only
	 */
	public static void angles(final Path file, final List<Series> series) throws IOException {
		if (series.isEmpty()) throw new IllegalArgumentException("No series to plot");
		final int w = 960, h = 560;
		final Frame f = new Frame(w, h, 80, 30, 74, 70);
		final Graphics2D g = f.g;
		long fewest = Long.MAX_VALUE;
		for (final Series s : series)
			if (s.spread.pairs > 0) fewest = Math.min(fewest, s.spread.pairs);
		final int bin = binWidth(fewest);
		double ymax = 0;
		for (final Series s : series)
			for (final double d : rebin(s.spread.density(), bin))
				ymax = Math.max(ymax, d);
		final double refPeak = Math.PI / 180 / 2;
		ymax = Math.max(ymax, refPeak) * 1.08;
		final double ystep = niceStep(ymax / 6);
		ymax = Math.ceil(ymax / ystep) * ystep;
		f.axes(0, 180, 20, 0, ymax, ystep, "Angle between viewing directions of two members of a class (°)",
			"Fraction of pairs per degree", false);
		f.title("Within-class viewing-angle differences");
		f.subtitle(String.format(Locale.ROOT,
			"all pairs of members of each class, pooled; %d° bins; dashed vertical lines: medians", bin));
		// Reference: angle between independent uniform directions, density sin θ / 2 per radian.
		final Path2D ref = new Path2D.Double();
		for (int a = 0; a <= 180; a++) {
			final double y = Math.sin(Math.toRadians(a)) / 2 * Math.PI / 180;
			if (a == 0) ref.moveTo(f.x(a), f.y(y));
			else ref.lineTo(f.x(a), f.y(y));
		}
		g.setColor(REFERENCE);
		g.setStroke(dashed(1.6f));
		g.draw(ref);
		final List<String> legend = new ArrayList<>();
		final List<Color> colours = new ArrayList<>();
		final List<Boolean> dashes = new ArrayList<>();
		for (int i = 0; i < series.size(); i++) {
			final Series s = series.get(i);
			final Color c = PALETTE[i % PALETTE.length];
			if (s.spread.pairs > 0) {
				final double[] d = rebin(s.spread.density(), bin);
				final Path2D line = new Path2D.Double();
				for (int b = 0; b < d.length; b++) {
					final double centre = Math.min(180, (b + 0.5) * bin);
					if (b == 0) line.moveTo(f.x(centre), f.y(d[b]));
					else line.lineTo(f.x(centre), f.y(d[b]));
				}
				g.setColor(c);
				g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
				g.draw(line);
				g.setStroke(dashed(1.4f));
				g.draw(new java.awt.geom.Line2D.Double(f.x(s.spread.median), f.y(0), f.x(
					s.spread.median), f.y(ymax)));
			}
			legend.add(String.format(Locale.ROOT, "%s: median %s, %s below 20° (%,d pairs)", s.label,
				deg(s.spread.median), percent(s.spread.fractionBelow20), s.spread.pairs));
			colours.add(c);
			dashes.add(false);
		}
		legend.add("uniformly random directions (sin θ / 2)");
		colours.add(REFERENCE);
		dashes.add(true);
		f.legend(legend, colours, dashes, true);
		f.write(file);
	}

	/**
	 * Draws class sizes as bars sorted from largest to smallest.
	 *
	 * @param file PNG file to write (replaced)
	 * @param occupancy per class: number of members
	 */
	public static void occupancy(final Path file, final int[] occupancy) throws IOException {
		final Occupancy o = Occupancy.of(occupancy);
		final int k = occupancy.length;
		final List<Integer> sizes = new ArrayList<>(k);
		for (final int v : occupancy)
			sizes.add(v);
		sizes.sort(Collections.reverseOrder());
		final int w = 960, h = 520;
		final Frame f = new Frame(w, h, 80, 30, 60, 70);
		final Graphics2D g = f.g;
		double ymax = Math.max(1, o.max) * 1.08;
		final double ystep = niceStep(ymax / 6);
		ymax = Math.ceil(ymax / ystep) * ystep;
		final double xstep = Math.max(1, niceStep(k / 8.0));
		f.axes(0, k, xstep, 0, ymax, ystep, "Class rank (largest first)", "Particles", true);
		f.title(String.format(Locale.ROOT,
			"Class occupancy: %d classes, %,d particles; max %d, median %s, Gini %.3f", k, o.particles,
			o.max, trim(o.median), o.gini));
		g.setColor(PALETTE[0]);
		final double gap = k > 60 ? 0 : 0.15;
		for (int r = 0; r < k; r++) {
			final double x0 = f.x(r + gap / 2), x1 = f.x(r + 1 - gap / 2);
			final double y0 = f.y(sizes.get(r));
			g.fill(new Rectangle2D.Double(x0, y0, Math.max(1, x1 - x0), f.y(0) - y0));
		}
		final double mean = o.particles / (double) k;
		g.setColor(PALETTE[1]);
		g.setStroke(dashed(1.6f));
		g.draw(new java.awt.geom.Line2D.Double(f.x(0), f.y(mean), f.x(k), f.y(mean)));
		final List<String> legend = new ArrayList<>();
		legend.add("class size");
		legend.add(String.format(Locale.ROOT, "mean (%s)", trim(mean)));
		final List<Color> colours = new ArrayList<>();
		colours.add(PALETTE[0]);
		colours.add(PALETTE[1]);
		final List<Boolean> dashes = new ArrayList<>();
		dashes.add(false);
		dashes.add(true);
		f.legend(legend, colours, dashes, true);
		f.write(file);
	}

	/**
	 * Draws a montage of the largest class averages, in order of decreasing size
	 * (ties: lower class index first), four per row.
	 *
	 * @param file PNG file to write (replaced)
	 * @param averages per class: size·size pixels, row-major (row 0 at the top)
	 * @param size edge length of the averages
	 * @param occupancy per class: number of members
	 * @param count how many classes to show (at most the number of classes)
	 */
	public static void topClasses(final Path file, final float[][] averages, final int size,
		final int[] occupancy, final int count) throws IOException
	{
		if (averages.length != occupancy.length) throw new IllegalArgumentException(
			"Got " + averages.length + " averages but " + occupancy.length + " occupancies");
		final int k = averages.length;
		final int shown = Math.min(count, k);
		if (shown < 1) throw new IllegalArgumentException("No classes to show");
		final Integer[] order = new Integer[k];
		for (int c = 0; c < k; c++)
			order[c] = c;
		java.util.Arrays.sort(order, (a, b) -> occupancy[a] != occupancy[b] ? Integer.compare(
			occupancy[b], occupancy[a]) : Integer.compare(a, b));
		long total = 0;
		for (final int v : occupancy)
			total += v;
		final int cols = Math.min(4, shown), rows = (shown + cols - 1) / cols;
		final int tile = 200, pad = 16, labelH = 26, titleH = 46;
		final int w = cols * tile + (cols + 1) * pad;
		final int h = titleH + rows * (tile + labelH + pad) + pad / 2;
		final BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = graphics(img);
		g.setColor(AXIS);
		g.setFont(TITLE);
		final String title = String.format(Locale.ROOT, "%d largest class average%s", shown, shown == 1
			? "" : "s");
		g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2, 30);
		g.setFont(LABEL);
		for (int t = 0; t < shown; t++) {
			final int c = order[t];
			final int x0 = pad + (t % cols) * (tile + pad);
			final int y0 = titleH + (t / cols) * (tile + labelH + pad);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
				RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(grey(averages[c], size), x0, y0, tile, tile, null);
			g.setColor(new Color(0xbbbbbb));
			g.setStroke(new BasicStroke(1f));
			g.drawRect(x0, y0, tile - 1, tile - 1);
			g.setColor(AXIS);
			final String label = String.format(Locale.ROOT, "class %d: %,d (%s)", c + 1, occupancy[c],
				total > 0 ? percent(occupancy[c] / (double) total) : "–");
			final FontMetrics fm = g.getFontMetrics();
			g.drawString(label, x0 + (tile - fm.stringWidth(label)) / 2, y0 + tile + 19);
		}
		g.dispose();
		write(img, file);
	}

	/** Bin width in degrees for a density estimated from this many pairs: 1°, 2°, 3° or 5°. */
	static int binWidth(final long pairs) {
		return pairs >= 200_000 ? 1 : pairs >= 50_000 ? 2 : pairs >= 10_000 ? 3 : 5;
	}

	/** Per-degree density → mean density over bins of {@code width} degrees (last bin may be narrower). */
	static double[] rebin(final double[] perDegree, final int width) {
		final int bins = (perDegree.length + width - 1) / width;
		final double[] out = new double[bins];
		for (int b = 0; b < bins; b++) {
			double s = 0;
			int n = 0;
			for (int d = b * width; d < Math.min(perDegree.length, (b + 1) * width); d++, n++)
				s += perDegree[d];
			out[b] = s / n;
		}
		return out;
	}

	/** An 8-bit grey image of a float image, scaled from its minimum (black) to maximum (white). */
	static BufferedImage grey(final float[] pixels, final int size) {
		float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
		for (final float v : pixels) {
			if (!Float.isFinite(v)) continue;
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		final BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
		final byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
		final double scale = hi > lo ? 255 / (double) (hi - lo) : 0;
		for (int i = 0; i < size * size; i++) {
			final float v = pixels[i];
			final int b = Float.isFinite(v) ? (int) Math.round((v - lo) * scale) : 0;
			data[i] = (byte) Math.max(0, Math.min(255, b));
		}
		return img;
	}

	/** A plot area with axes inside an image. */
	private static final class Frame {

		final BufferedImage img;
		final Graphics2D g;
		final int left, right, top, bottom, w, h;
		double x0, x1, y0, y1;

		Frame(final int w, final int h, final int left, final int right, final int top,
			final int bottom)
		{
			this.w = w;
			this.h = h;
			this.left = left;
			this.right = right;
			this.top = top;
			this.bottom = bottom;
			img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
			g = graphics(img);
		}

		double x(final double v) {
			return left + (v - x0) / (x1 - x0) * (w - left - right);
		}

		double y(final double v) {
			return h - bottom - (v - y0) / (y1 - y0) * (h - top - bottom);
		}

		void title(final String text) {
			g.setColor(AXIS);
			g.setFont(TITLE);
			final FontMetrics fm = g.getFontMetrics();
			g.drawString(text, (float) (left + (w - left - right - fm.stringWidth(text)) / 2.0), top -
				26);
		}

		void subtitle(final String text) {
			g.setColor(new Color(0x666666));
			g.setFont(TICK);
			final FontMetrics fm = g.getFontMetrics();
			g.drawString(text, (float) (left + (w - left - right - fm.stringWidth(text)) / 2.0), top -
				6);
		}

		void axes(final double xa, final double xb, final double xstep, final double ya,
			final double yb, final double ystep, final String xlabel, final String ylabel,
			final boolean integerX)
		{
			x0 = xa;
			x1 = xb;
			y0 = ya;
			y1 = yb;
			g.setFont(TICK);
			final FontMetrics fm = g.getFontMetrics();
			g.setStroke(new BasicStroke(1f));
			for (double v = ya; v <= yb + ystep * 1e-6; v += ystep) {
				final double yy = y(v);
				g.setColor(GRID);
				g.draw(new java.awt.geom.Line2D.Double(x(xa), yy, x(xb), yy));
				g.setColor(AXIS);
				final String s = tick(v, ystep);
				g.drawString(s, (float) (left - 8 - fm.stringWidth(s)), (float) (yy + fm.getAscent() / 2.0 -
					1));
			}
			// Rank axes (integerX) label bar centres 1, step, 2·step, …; others every step from xa.
			final List<Double> ticks = new ArrayList<>();
			if (integerX) {
				ticks.add(1.0);
				for (double v = xstep; v <= xb + 1e-6; v += xstep)
					if (v > 1) ticks.add(v);
			}
			else for (double v = xa; v <= xb + xstep * 1e-6; v += xstep)
				ticks.add(v);
			for (final double t : ticks) {
				final double v = t;
				final double xx = x(integerX ? v - 0.5 : v);
				g.setColor(AXIS);
				g.draw(new java.awt.geom.Line2D.Double(xx, y(ya), xx, y(ya) + 5));
				final String s = tick(v, xstep);
				g.drawString(s, (float) (xx - fm.stringWidth(s) / 2.0), (float) (y(ya) + 7 + fm
					.getAscent()));
			}
			g.setColor(AXIS);
			g.setStroke(new BasicStroke(1.2f));
			g.draw(new java.awt.geom.Line2D.Double(x(xa), y(ya), x(xb), y(ya)));
			g.draw(new java.awt.geom.Line2D.Double(x(xa), y(ya), x(xa), y(yb)));
			g.setFont(LABEL);
			final FontMetrics lm = g.getFontMetrics();
			g.drawString(xlabel, (float) (left + (w - left - right - lm.stringWidth(xlabel)) / 2.0), h -
				18);
			final AffineTransform saved = g.getTransform();
			g.rotate(-Math.PI / 2);
			g.drawString(ylabel, (float) (-(top + (h - top - bottom + lm.stringWidth(ylabel)) / 2.0)),
				22f);
			g.setTransform(saved);
		}

		/** A legend box in the top-right corner of the plot area. */
		void legend(final List<String> labels, final List<Color> colours, final List<Boolean> dashes,
			final boolean topRight)
		{
			g.setFont(TICK);
			final FontMetrics fm = g.getFontMetrics();
			int tw = 0;
			for (final String s : labels)
				tw = Math.max(tw, fm.stringWidth(s));
			final int lineH = fm.getHeight() + 4, boxW = tw + 56, boxH = labels.size() * lineH + 12;
			final int bx = w - right - boxW - 10, by = top + 10;
			g.setColor(new Color(255, 255, 255, 230));
			g.fillRect(bx, by, boxW, boxH);
			g.setColor(new Color(0xcccccc));
			g.setStroke(new BasicStroke(1f));
			g.drawRect(bx, by, boxW, boxH);
			for (int i = 0; i < labels.size(); i++) {
				final int yy = by + 8 + i * lineH + lineH / 2;
				g.setColor(colours.get(i));
				g.setStroke(dashes.get(i) ? dashed(1.8f) : new BasicStroke(3f));
				g.drawLine(bx + 10, yy, bx + 40, yy);
				g.setColor(AXIS);
				g.drawString(labels.get(i), bx + 48, yy + fm.getAscent() / 2 - 1);
			}
		}

		void write(final Path file) throws IOException {
			g.dispose();
			Plots.write(img, file);
		}
	}

	private static Graphics2D graphics(final BufferedImage img) {
		final Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
			RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, img.getWidth(), img.getHeight());
		return g;
	}

	private static void write(final BufferedImage img, final Path file) throws IOException {
		final Path parent = file.toAbsolutePath().getParent();
		if (parent != null) Files.createDirectories(parent);
		if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("No PNG writer for " +
			file);
	}

	private static Stroke dashed(final float width) {
		return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {
			7f, 5f }, 0f);
	}

	/** A 1, 2, 2.5 or 5 × 10^k step near {@code raw}. */
	static double niceStep(final double raw) {
		if (!(raw > 0)) return 1;
		final double p = Math.pow(10, Math.floor(Math.log10(raw)));
		final double m = raw / p;
		return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
	}

	private static String tick(final double v, final double step) {
		if (step >= 1 && Math.abs(v - Math.rint(v)) < 1e-9) return Long.toString(Math.round(v));
		final int digits = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9)) + (Math.abs(step /
			Math.pow(10, Math.floor(Math.log10(step))) - 2.5) < 1e-9 ? 1 : 0);
		return String.format(Locale.ROOT, "%." + digits + "f", v);
	}

	private static String deg(final double v) {
		return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f°", v) : "–";
	}

	private static String percent(final double f) {
		return Double.isFinite(f) ? String.format(Locale.ROOT, "%.1f%%", 100 * f) : "–";
	}

	private static String trim(final double v) {
		return v == Math.rint(v) ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
	}
}
