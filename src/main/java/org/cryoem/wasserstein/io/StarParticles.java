package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * The particles of a RELION or cryoSPARC STAR file, read from the image stacks
 * its {@code _rlnImageName} column references.
 * <p>
 * <b>Layouts:</b> RELION 3.1+ ({@code data_optics} + {@code data_particles}),
 * RELION 3.0 (one loop in a {@code data_} block, no optics) and STAR files
 * exported from cryoSPARC (either layout, written by {@code csparc2star.py}
 * or cryoSPARC itself). The particle table is the loop of the block named
 * {@code particles}, else the only loop with an {@code _rlnImageName} column.
 * </p>
 * <p>
 * <b>Image names</b> are {@code N@stack} (N 1-based, leading zeros allowed) or
 * a plain path (image 1). A leading {@code >} (cryoSPARC's project-relative
 * marker) is dropped. A relative stack path is looked up next to the STAR file
 * first, then in the current directory (a RELION project directory, where
 * RELION itself resolves them). Each stack is opened once and only the images
 * named are read, in STAR row order. All images must have one box size; the
 * error names the first stack that differs.
 * </p>
 * <p>
 * <b>Pixel size</b> (Å), first found of: {@code _rlnImagePixelSize} of the first
 * particle's optics group; {@code _rlnImagePixelSize} or {@code _rlnPixelSize}
 * in the particle table; {@code _rlnDetectorPixelSize}·10⁴ /
 * {@code _rlnMagnification} (RELION 3.0); the first stack's MRC header; else NaN.
 * </p>
 * <p>
 * The parsed STAR file is kept ({@link #star}) so that outputs can repeat every
 * block, column and row of it.
 * </p>
 */
public final class StarParticles {

	/** The STAR file that was read. */
	public final Path file;
	/** Its content, as parsed (do not modify). */
	public final StarFile star;
	/** The particle table, one row per image of {@link #stack}. */
	public final StarFile.Block particles;
	/** The images, in row order (after the per-stack transform, if any). */
	public final ParticleStack stack;
	/** Edge length of the images in the stacks, before any transform. */
	public final int imageSize;
	/** Pixel size in Å, NaN when unknown. */
	public final double pixelSize;
	/** Number of distinct stacks read. */
	public final int stackCount;

	private StarParticles(final Path file, final StarFile star, final StarFile.Block particles,
		final ParticleStack stack, final int imageSize, final double pixelSize, final int stackCount)
	{
		this.file = file;
		this.star = star;
		this.particles = particles;
		this.stack = stack;
		this.imageSize = imageSize;
		this.pixelSize = pixelSize;
		this.stackCount = stackCount;
	}

	/** @return whether a path names a STAR file (by its extension) */
	public static boolean isStar(final Path file) {
		return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT)
			.endsWith(".star");
	}

	/**
	 * Reads a STAR file and every image it references.
	 *
	 * @throws InvalidInputException with a one-line message naming the file (or
	 *           the stack) for any problem with the content
	 * @throws IOException if a file cannot be read
	 */
	public static StarParticles read(final Path file) throws IOException {
		return read(file, UnaryOperator.identity());
	}

	/**
	 * Reads a STAR file and every image it references, transforming the images
	 * of each stack as soon as they are read (e.g. downsampling them, so that
	 * the raw images of only one stack are in memory at a time).
	 *
	 * @param perStack applied to the images read from each stack (in row order
	 *          within the stack); must return one image per input image, all of
	 *          one size; it may throw IllegalArgumentException
	 * @throws InvalidInputException with a one-line message naming the file (or
	 *           the stack) for any problem with the content
	 * @throws IOException if a file cannot be read
	 */
	public static StarParticles read(final Path file, final UnaryOperator<ParticleStack> perStack)
		throws IOException
	{
		if (!Files.exists(file)) throw new InvalidInputException(file + ": no such file");
		if (!Files.isRegularFile(file)) throw new InvalidInputException(file + " is not a file");
		final StarFile star = StarFile.read(file);
		final StarFile.Block block = particleBlock(file, star);
		final int n = block.rows().size();
		if (n == 0) throw new InvalidInputException(file, "the particle table data_" + block.name() +
			" has no rows");
		final Path dir = file.toAbsolutePath().getParent();

		// group rows by stack, keeping the order of first appearance
		final Map<Path, List<int[]>> byStack = new LinkedHashMap<>();
		final Map<String, Path> resolved = new LinkedHashMap<>();
		for (int row = 0; row < n; row++) {
			final String name = block.value(row, "_rlnImageName").trim();
			final int at = name.indexOf('@');
			int index = 1;
			String path = name;
			if (at >= 0) {
				try {
					index = Integer.parseInt(name.substring(0, at).trim());
				}
				catch (final NumberFormatException e) {
					throw new InvalidInputException(file, "row " + (row + 1) + ": _rlnImageName '" + name +
						"' is not N@stack with a whole number N");
				}
				path = name.substring(at + 1);
			}
			if (path.startsWith(">")) path = path.substring(1);
			if (index < 1 || path.isEmpty()) throw new InvalidInputException(file, "row " + (row + 1) +
				": invalid _rlnImageName '" + name + "'");
			Path stack = resolved.get(path);
			if (stack == null) {
				stack = resolve(file, dir, path, row);
				resolved.put(path, stack);
			}
			byStack.computeIfAbsent(stack, k -> new ArrayList<>()).add(new int[] { row, index - 1 });
		}

		final float[][] images = new float[n][];
		int size = -1, workingSize = -1;
		Path first = null;
		double headerPixelSize = Double.NaN;
		for (final Map.Entry<Path, List<int[]>> e : byStack.entrySet()) {
			final Path stack = e.getKey();
			final List<int[]> rows = e.getValue();
			final int[] indices = new int[rows.size()];
			for (int i = 0; i < indices.length; i++)
				indices[i] = rows.get(i)[1];
			final ParticleStack read = readImages(stack, indices);
			if (size < 0) {
				size = read.size();
				first = stack;
				final MrcHeader h = Mrc.readHeader(stack);
				if (h.voxelSizeX() > 0) headerPixelSize = h.voxelSizeX();
			}
			else if (read.size() != size) {
				throw new InvalidInputException(stack, "images are " + read.size() + "×" + read.size() +
					" but those of " + first.getFileName() + " are " + size + "×" + size +
					"; all particles of " + file.getFileName() + " must have one box size");
			}
			final ParticleStack done;
			try {
				done = perStack.apply(read);
			}
			catch (final IllegalArgumentException ex) {
				throw new InvalidInputException(stack, ex.getMessage(), ex);
			}
			if (workingSize < 0) workingSize = done.size();
			if (done.count() != indices.length || done.size() != workingSize) throw new IllegalStateException(
				"The per-stack transform changed the image count or size");
			for (int i = 0; i < indices.length; i++)
				images[rows.get(i)[0]] = done.image(i);
		}
		double px = pixelSize(file, star, block);
		if (Double.isNaN(px)) px = headerPixelSize;
		return new StarParticles(file, star, block, new ParticleStack(workingSize, images), size, px,
			byStack.size());
	}

	/**
	 * @return the particle table: the loop of {@code data_particles}, else the
	 *         only loop with an {@code _rlnImageName} column
	 * @throws InvalidInputException if there is none or it is ambiguous
	 */
	public static StarFile.Block particleBlock(final Path file, final StarFile star)
		throws InvalidInputException
	{
		final StarFile.Block named = star.block("particles");
		if (named != null && named.isLoop() && named.columnIndex("_rlnImageName") >= 0) return named;
		StarFile.Block only = null;
		for (final StarFile.Block b : star.blocks()) {
			if (!b.isLoop() || b.columnIndex("_rlnImageName") < 0 || b.name().equals("optics")) continue;
			if (only != null) throw new InvalidInputException(file, "several tables with " +
				"_rlnImageName (data_" + only.name() + ", data_" + b.name() +
				") and none named data_particles");
			only = b;
		}
		if (only == null) throw new InvalidInputException(file,
			"no particle table: no loop_ with an _rlnImageName column");
		return only;
	}

	private static Path resolve(final Path star, final Path dir, final String name, final int row)
		throws InvalidInputException
	{
		final Path p;
		try {
			p = Paths.get(name);
		}
		catch (final java.nio.file.InvalidPathException e) {
			throw new InvalidInputException(star, "row " + (row + 1) + ": invalid stack path '" + name +
				"'");
		}
		if (p.isAbsolute()) {
			if (Files.isRegularFile(p)) return p;
			throw new InvalidInputException(star, "row " + (row + 1) + ": stack " + name + " not found");
		}
		final Path nextToStar = dir.resolve(p);
		if (Files.isRegularFile(nextToStar)) return nextToStar;
		if (Files.isRegularFile(p)) return p.toAbsolutePath();
		throw new InvalidInputException(star, "row " + (row + 1) + ": stack " + name +
			" not found next to the STAR file (" + dir + ") or in the current directory");
	}

	private static ParticleStack readImages(final Path stack, final int[] indices)
		throws IOException
	{
		final String name = stack.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".mrcs") || name.endsWith(".mrc") || name.endsWith(".map") || name.endsWith(
			".st"))
		{
			return Mrc.readImages(stack, indices);
		}
		if (name.endsWith(".tif") || name.endsWith(".tiff")) {
			final ParticleStack all = TiffReader.readStack(stack);
			final float[][] images = new float[indices.length][];
			for (int i = 0; i < indices.length; i++) {
				if (indices[i] >= all.count()) throw new InvalidInputException(stack, "image " +
					(indices[i] + 1) + " is out of range (the stack holds " + all.count() + ")");
				images[i] = all.image(indices[i]);
			}
			return new ParticleStack(all.size(), images);
		}
		throw new InvalidInputException(stack + ": unsupported stack type (use .mrcs, .mrc or .tif)");
	}

	private static double pixelSize(final Path file, final StarFile star,
		final StarFile.Block particles)
	{
		final StarFile.Block optics = star.block("optics");
		if (optics != null && optics.isLoop() && optics.columnIndex("_rlnImagePixelSize") >= 0) {
			String group = particles.columnIndex("_rlnOpticsGroup") >= 0 ? particles.value(0,
				"_rlnOpticsGroup") : null;
			final int g = optics.columnIndex("_rlnOpticsGroup");
			for (int r = 0; r < optics.rows().size(); r++) {
				if (group == null || g < 0 || optics.rows().get(r)[g].equals(group)) {
					final double v = number(optics.value(r, "_rlnImagePixelSize"));
					if (v > 0) return v;
				}
			}
		}
		for (final String c : new String[] { "_rlnImagePixelSize", "_rlnPixelSize" }) {
			if (particles.columnIndex(c) >= 0) {
				final double v = number(particles.value(0, c));
				if (v > 0) return v;
			}
		}
		if (particles.columnIndex("_rlnDetectorPixelSize") >= 0 && particles.columnIndex(
			"_rlnMagnification") >= 0)
		{
			final double v = number(particles.value(0, "_rlnDetectorPixelSize")) * 1e4 / number(
				particles.value(0, "_rlnMagnification"));
			if (v > 0 && Double.isFinite(v)) return v;
		}
		return Double.NaN;
	}

	private static double number(final String s) {
		try {
			return Double.parseDouble(s);
		}
		catch (final NumberFormatException e) {
			return Double.NaN;
		}
	}
}
