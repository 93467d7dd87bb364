package org.cryoem.wasserstein.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.io.ClassSelection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code select --run DIR --classes 1,4,7 --output subset.star}: subset selection. */
@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Write the particles of chosen classes of a classify run as a STAR file.", "",
		"Class c is slice c of DIR/class_averages.mrcs (largest class first). The output",
		"keeps every block and column of DIR/particles.star (for a STAR input: the input",
		"STAR file, optics included) with only the rows of the chosen classes; the",
		"run's own data_w2d_classes block is left out.", "" })
final class SelectCommand implements Callable<Integer> {

	@Option(names = "--run", required = true, paramLabel = "DIR",
		description = "Output directory of a classify run.")
	Path run;

	@Option(names = "--classes", paramLabel = "LIST",
		description = "Classes to keep, e.g. 1,4,7 or 1-3,8 (default: all, with --min-occupancy).")
	String classes = "";

	@Option(names = "--min-occupancy", paramLabel = "N",
		description = "Keep only classes with at least N particles (default: ${DEFAULT-VALUE}, no limit).")
	int minOccupancy = 0;

	@Option(names = "--output", required = true, paramLabel = "FILE",
		description = "STAR file to write (replaced if it exists).")
	Path output;

	@Override
	public Integer call() throws Exception {
		final ClassSelection.Result r = ClassSelection.select(run, ClassSelection.parseClasses(
			classes), minOccupancy, output);
		final StringBuilder list = new StringBuilder();
		for (final int c : r.classes)
			list.append(list.length() > 0 ? "," : "").append(c);
		System.out.printf(Locale.ROOT, "%d of %d particles in %d class%s (%s); wrote %s%n",
			r.particles, r.total, r.classes.length, r.classes.length == 1 ? "" : "es", list, output);
		return 0;
	}
}
