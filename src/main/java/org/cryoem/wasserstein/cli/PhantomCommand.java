package org.cryoem.wasserstein.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.simulate.Phantom;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phantom}: writes an asymmetric Gaussian-blob test molecule as an MRC map. */
@Command(name = "phantom", mixinStandardHelpOptions = true, sortOptions = false,
	description = "Write an asymmetric phantom molecule (Gaussian blobs of different sizes " +
		"at seeded random places in a ball, no symmetry) as an MRC volume.")
final class PhantomCommand implements Callable<Integer> {

	@Option(names = "--size", paramLabel = "N", description = "Box edge in voxels (default: ${DEFAULT-VALUE}).")
	int size = 64;

	@Option(names = "--blobs", paramLabel = "B", description = "Number of blobs (default: ${DEFAULT-VALUE}).")
	int blobs = Phantom.DEFAULT_BLOBS;

	@Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed = 1;

	@Option(names = "--voxel-size", paramLabel = "Å", description = "Voxel size recorded in the header (default: ${DEFAULT-VALUE}).")
	double voxelSize = 5;

	@Option(names = "--output", required = true, paramLabel = "FILE.mrc", description = "Output map.")
	Path output;

	@Override
	public Integer call() throws Exception {
		if (size < 8) throw new IllegalArgumentException("--size must be at least 8, got " + size);
		if (blobs < 1) throw new IllegalArgumentException("--blobs must be at least 1, got " + blobs);
		Mrc.writeVolume(output, size, size, size, Phantom.create(size, blobs, seed), voxelSize);
		System.out.println("Wrote " + output + " (" + size + "³, " + blobs + " blobs, seed " + seed +
			")");
		return 0;
	}
}
