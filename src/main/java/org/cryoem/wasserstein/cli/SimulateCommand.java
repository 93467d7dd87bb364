package org.cryoem.wasserstein.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.MrcData;
import org.cryoem.wasserstein.io.SimulationFiles;
import org.cryoem.wasserstein.simulate.Projector;
import org.cryoem.wasserstein.simulate.Simulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate}: noisy projections of a map at uniformly random orientations. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Simulate particle images: projections of a 3D map at orientations drawn " +
		"uniformly on SO(3), resampled to SIZE×SIZE, with i.i.d. Gaussian noise of variance " +
		"(mean squared clean pixel over the stack) / SNR.", "", "DIR receives:",
		"  particles.mrcs  noisy projections", "  clean.mrcs      noise-free projections",
		"  truth.star      _rlnImageName, _rlnAngleRot, _rlnAngleTilt, _rlnAnglePsi (RELION ZYZ)",
		"" })
final class SimulateCommand implements Callable<Integer> {

	@Option(names = "--map", required = true, paramLabel = "MAP.mrc", description = "Cubic 3D map.")
	Path map;

	@Option(names = "--count", paramLabel = "N", description = "Number of images (default: ${DEFAULT-VALUE}).")
	int count = 1000;

	@Option(names = "--size", paramLabel = "S", description = "Image edge in pixels (default: ${DEFAULT-VALUE}).")
	int size = 64;

	@Option(names = "--snr", paramLabel = "X",
		description = "Signal-to-noise ratio, e.g. 0.125 for 1/8 (default: ${DEFAULT-VALUE}).")
	double snr = 0.125;

	@Option(names = "--seed", paramLabel = "K", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed = 1;

	@Option(names = "--mask", description = "Apply a circular mask of radius (S-1)/2 to the images.")
	boolean mask;

	@Option(names = "--threads", paramLabel = "P", description = "Threads; 0 = all cores (default: ${DEFAULT-VALUE}).")
	int threads = 0;

	@Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
	Path output;

	@Option(names = { "-q", "--quiet" }, description = "No progress on standard error.")
	boolean quiet;

	@Override
	public Integer call() throws Exception {
		final Simulator.Parameters p = parameters(count, size, snr, seed, threads, mask);
		p.validate();
		final MrcData data = Mrc.read(map);
		final Simulator.Simulation sim = Simulator.simulate(projector(map, data), p,
			new ConsoleProgress(System.err, quiet));
		final double pixel = data.voxelSize() > 0 ? data.voxelSize() * data.nx() / size : Double.NaN;
		SimulationFiles.write(output, sim.noisy, sim.clean, sim.angles, pixel);
		System.out.println(Simulator.describe(p, sim) + "; wrote " + output);
		return 0;
	}

	static Simulator.Parameters parameters(final int count, final int size, final double snr,
		final long seed, final int threads, final boolean mask)
	{
		final Simulator.Parameters p = new Simulator.Parameters();
		p.count = count;
		p.size = size;
		p.snr = snr;
		p.seed = seed;
		p.threads = threads;
		p.maskRadius = mask ? (size - 1) / 2.0 : 0;
		return p;
	}

	static Projector projector(final Path map, final MrcData data) {
		if (data.nx() != data.ny() || data.ny() != data.nz()) throw new IllegalArgumentException(map +
			": the map must be cubic, got " + data.nx() + "×" + data.ny() + "×" + data.nz());
		return new Projector(data.data(), data.nx());
	}
}
