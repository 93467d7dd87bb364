package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Selects the particles of chosen classes of a finished run and writes them as
 * a STAR file, the way RELION's <i>Subset selection</i> does after 2D
 * classification.
 * <p>
 * Classes are numbered as in the run: class c is slice c (1-based) of
 * {@value RunWriter#CLASS_AVERAGES}, largest class first. They are chosen by a
 * list ({@code "1,4,7"}, ranges {@code "2-5"} allowed) and/or a minimum
 * occupancy; with both, a class must be listed <em>and</em> have at least that
 * many particles.
 * </p>
 * <p>
 * The output repeats the run's {@value RunWriter#PARTICLES}: every block and
 * column, with only the rows of the chosen classes, in their order. When the
 * run's input was a STAR file (see {@link StarOutput}), that is the input STAR
 * file itself (optics and all, image names untouched) plus the run's
 * {@code _rlnClassNumber}, {@code _rlnAnglePsi} and
 * {@value RunWriter#DISTANCE_COLUMN}. When it was an image stack, the image
 * names are pointed at the stack's absolute path, from {@code input_path} in
 * {@value RunWriter#RUN}, so the subset can be read from anywhere.
 * </p>
 */
public final class ClassSelection {

	/** What a selection wrote. */
	public static final class Result {

		/** The chosen classes, 1-based, ascending. */
		public final int[] classes;
		/** Number of particles written. */
		public final int particles;
		/** Number of particles in the run. */
		public final int total;
		/** The file written. */
		public final Path output;

		Result(final int[] classes, final int particles, final int total, final Path output) {
			this.classes = classes;
			this.particles = particles;
			this.total = total;
			this.output = output;
		}
	}

	private ClassSelection() {}

	/**
	 * Parses a list of class numbers such as {@code "1,4,7"} or {@code "1-3, 8"}
	 * (commas, spaces or both separate items).
	 *
	 * @return the numbers, ascending, without repeats; empty for a blank text
	 * @throws IllegalArgumentException for anything else, one line
	 */
	public static int[] parseClasses(final String text) {
		final TreeSet<Integer> set = new TreeSet<>();
		if (text == null) return new int[0];
		for (final String item : text.trim().split("[,;\\s]+")) {
			if (item.isEmpty()) continue;
			final Matcher m = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?").matcher(item);
			if (!m.matches()) throw new IllegalArgumentException("classes: '" + item +
				"' is not a class number or a range such as 2-5");
			final int a = Integer.parseInt(m.group(1));
			final int b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
			if (b < a) throw new IllegalArgumentException("classes: range '" + item + "' is empty");
			if (b - a > 1_000_000) throw new IllegalArgumentException("classes: range '" + item +
				"' is too long");
			for (int c = a; c <= b; c++)
				set.add(c);
		}
		return set.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * @param runDir a run's output directory
	 * @return the number of classes of the run (slices of the class averages)
	 * @throws InvalidInputException if it is not a readable run directory
	 */
	public static int classCount(final Path runDir) throws IOException {
		requireRun(runDir);
		return Mrc.readHeader(runDir.resolve(RunWriter.CLASS_AVERAGES)).nz;
	}

	/**
	 * @param runDir a run's output directory
	 * @return the number of particles of each class (index c − 1 for class c),
	 *         counted in the run's {@value RunWriter#PARTICLES}
	 */
	public static int[] occupancy(final Path runDir) throws IOException {
		final int k = classCount(runDir);
		final Path file = runDir.resolve(RunWriter.PARTICLES);
		final int[] classOf = classNumbers(file, StarParticles.particleBlock(file, StarFile.read(file)),
			k);
		final int[] occ = new int[k];
		for (final int c : classOf)
			occ[c - 1]++;
		return occ;
	}

	/**
	 * Writes the particles of the chosen classes.
	 *
	 * @param runDir a run's output directory
	 * @param classes 1-based class numbers; empty for all (then minOccupancy must
	 *          be positive)
	 * @param minOccupancy least number of particles of a chosen class; 0 for no limit
	 * @param output the {@code .star} file to write (replaced if it exists; never
	 *          the run's own files or its input)
	 * @return what was written
	 * @throws InvalidInputException with a one-line message for a missing run,
	 *           unknown classes or an empty selection
	 */
	public static Result select(final Path runDir, final int[] classes, final int minOccupancy,
		final Path output) throws IOException
	{
		final int k = classCount(runDir);
		if (classes.length == 0 && minOccupancy <= 0) throw new InvalidInputException(
			"Choose classes (e.g. 1,4,7) or a minimum occupancy");
		if (minOccupancy < 0) throw new InvalidInputException("min_occupancy must be 0 or more, got " +
			minOccupancy);
		for (final int c : classes)
			if (c < 1 || c > k) throw new InvalidInputException("There is no class " + c + " in " +
				runDir + "; its classes are 1-" + k);
		if (output == null || output.toString().trim().isEmpty()) throw new InvalidInputException(
			"No output file given");
		if (!StarParticles.isStar(output)) throw new InvalidInputException(output +
			": the output must be a .star file");
		final Path particlesFile = runDir.resolve(RunWriter.PARTICLES);
		final Map<String, String> run = runJson(runDir);
		final Path out = output.toAbsolutePath().normalize();
		for (final Path p : new Path[] { particlesFile, runDir.resolve(RunWriter.RUN), run
			.containsKey("input_path") ? Path.of(run.get("input_path")) : null })
		{
			if (p != null && out.equals(p.toAbsolutePath().normalize())) throw new InvalidInputException(
				output + ": refusing to overwrite the run's own files or its input; choose another output");
		}

		final StarFile star = StarFile.read(particlesFile);
		final StarFile.Block block = StarParticles.particleBlock(particlesFile, star);
		final int[] classOf = classNumbers(particlesFile, block, k);
		final int[] occ = new int[k];
		for (final int c : classOf)
			occ[c - 1]++;
		final boolean[] chosen = new boolean[k + 1];
		final TreeSet<Integer> picked = new TreeSet<>();
		for (int c = 1; c <= k; c++) {
			final boolean listed = classes.length == 0 || Arrays.binarySearch(sorted(classes), c) >= 0;
			if (listed && occ[c - 1] >= Math.max(1, minOccupancy)) {
				chosen[c] = true;
				picked.add(c);
			}
		}
		int count = 0;
		for (final int c : classOf)
			if (chosen[c]) count++;
		if (count == 0) throw new InvalidInputException("No particles selected in " + runDir + ": " +
			(classes.length == 0 ? "no class has at least " + minOccupancy + " particles" : classes
				.length == 1 ? "class " + classes[0] + (minOccupancy > 0 ? " holds fewer than " +
					minOccupancy + " particles" : " is empty") : "classes " + join(classes) + (minOccupancy > 0
						? " hold fewer than " + minOccupancy + " particles each" : " are empty")));

		// rewrite image names of a stack input to its absolute path
		final String stackPath = "stack".equals(run.get("input_format")) || !run.containsKey(
			"input_format") ? run.get("input_path") : null;
		final int nameColumn = block.columnIndex("_rlnImageName");

		final StarFile subset = new StarFile();
		if (star.block("optics") != null) subset.setHeaderComment("version 30001");
		for (final StarFile.Block b : star.blocks()) {
			if (b.name().equals(StarOutput.CLASSES_BLOCK)) continue; // the run's, not the input's
			final StarFile.Block c = new StarFile.Block(b.name());
			for (final Map.Entry<String, String> e : b.pairs().entrySet())
				c.put(e.getKey(), e.getValue());
			if (b.isLoop()) {
				c.addColumns(b.columns().toArray(new String[0]));
				for (int r = 0; r < b.rows().size(); r++) {
					if (b == block && !chosen[classOf[r]]) continue;
					String[] row = b.rows().get(r);
					if (b == block && stackPath != null && nameColumn >= 0) {
						row = row.clone();
						final int at = row[nameColumn].indexOf('@');
						row[nameColumn] = row[nameColumn].substring(0, at + 1) + stackPath;
					}
					c.addRow(row);
				}
			}
			subset.blocks().add(c);
		}
		writeAtomically(subset, out);
		return new Result(picked.stream().mapToInt(Integer::intValue).toArray(), count,
			classOf.length, out);
	}

	private static int[] sorted(final int[] a) {
		final int[] s = a.clone();
		Arrays.sort(s);
		return s;
	}

	private static String join(final int[] a) {
		final StringBuilder sb = new StringBuilder();
		for (final int v : a)
			sb.append(sb.length() > 0 ? "," : "").append(v);
		return sb.toString();
	}

	private static void requireRun(final Path runDir) throws InvalidInputException {
		if (runDir == null || !Files.isDirectory(runDir)) throw new InvalidInputException(runDir +
			": no such run directory");
		for (final String f : new String[] { RunWriter.CLASS_AVERAGES, RunWriter.PARTICLES })
			if (!Files.isRegularFile(runDir.resolve(f))) throw new InvalidInputException(runDir +
				" is not a run directory: it has no " + f);
	}

	private static int[] classNumbers(final Path file, final StarFile.Block b, final int k)
		throws InvalidInputException
	{
		if (b.columnIndex("_rlnClassNumber") < 0) throw new InvalidInputException(file,
			"no _rlnClassNumber column");
		final int[] c = new int[b.rows().size()];
		for (int i = 0; i < c.length; i++) {
			final String v = b.value(i, "_rlnClassNumber");
			try {
				c[i] = Integer.parseInt(v.trim());
			}
			catch (final NumberFormatException e) {
				c[i] = -1;
			}
			if (c[i] < 1 || c[i] > k) throw new InvalidInputException(file, "row " + (i + 1) +
				": _rlnClassNumber '" + v + "' is not a class of this run (1-" + k + ")");
		}
		return c;
	}

	/**
	 * Reads the string and number fields of {@value RunWriter#RUN} that select
	 * needs (a flat object as {@link RunWriter} writes it); empty when missing.
	 */
	static Map<String, String> runJson(final Path runDir) throws IOException {
		final Map<String, String> m = new LinkedHashMap<>();
		final Path file = runDir.resolve(RunWriter.RUN);
		if (!Files.isRegularFile(file)) return m;
		final String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		final Matcher s = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
		while (s.find())
			m.put(s.group(1), unescape(s.group(2)));
		return m;
	}

	private static String unescape(final String s) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < s.length(); i++) {
			final char c = s.charAt(i);
			if (c != '\\' || i + 1 >= s.length()) {
				sb.append(c);
				continue;
			}
			final char e = s.charAt(++i);
			switch (e) {
				case 'n':
					sb.append('\n');
					break;
				case 't':
					sb.append('\t');
					break;
				case 'r':
					sb.append('\r');
					break;
				case 'b':
					sb.append('\b');
					break;
				case 'f':
					sb.append('\f');
					break;
				case 'u':
					if (i + 4 < s.length()) {
						sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
						i += 4;
					}
					break;
				default:
					sb.append(e);
			}
		}
		return sb.toString();
	}

	private static void writeAtomically(final StarFile star, final Path target) throws IOException {
		final Path dir = target.getParent();
		if (dir != null) Files.createDirectories(dir);
		final Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + target.getFileName() + "." +
			Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
		try {
			star.write(tmp);
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
