package org.cryoem.wasserstein.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.MrcData;
import org.cryoem.wasserstein.io.TiffReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times the classifier on simulated noisy projections (or an input stack) and
 * prints one JSON object. Without {@code --input}, images are projections of
 * a density map (sum along z after a uniformly random 3D rotation, trilinear
 * sampling, resampled to the image size) with white Gaussian noise at the
 * given SNR (σ² = mean squared clean pixel / SNR); to keep the set-up short
 * the clean projections come from a pool of {@code --views} random
 * orientations, each image drawing one view and its own noise.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
	description = "Time the rotation-invariant k-means on simulated or given particles; prints JSON.")
public final class BenchmarkCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--count", description = "Number of images (default ${DEFAULT-VALUE})")
	int count = 10000;
	@Option(names = "--size", description = "Image edge length (default ${DEFAULT-VALUE})")
	int size = 128;
	@Option(names = "--classes", description = "Number of classes k (default ${DEFAULT-VALUE})")
	int classes = 150;
	@Option(names = "--rotations", description = "Number of rotations m (default ${DEFAULT-VALUE})")
	int rotations = 200;
	@Option(names = "--iterations", description = "Lloyd iterations (default ${DEFAULT-VALUE})")
	int iterations = 2;
	@Option(names = "--metric", description = "w1 or l2 (default ${DEFAULT-VALUE})")
	String metric = "w1";
	@Option(names = "--search", description = "fast or exhaustive (default ${DEFAULT-VALUE})")
	String search = "fast";
	@Option(names = "--threads", description = "Worker threads, 0 = all (default ${DEFAULT-VALUE})")
	int threads = 0;
	@Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE})")
	long seed = 1;
	@Option(names = "--verify",
		description = "Also compare fast and exhaustive on the first N images (0 = off)")
	int verify = 0;
	@Option(names = "--input", description = "MRC or TIFF stack instead of simulated images")
	Path input;
	@Option(names = "--map", description = "Density map (MRC) to project (default ${DEFAULT-VALUE})")
	Path map = Paths.get("../shared/data/maps/4v7r.mrc");
	@Option(names = "--snr", description = "Signal-to-noise ratio (default ${DEFAULT-VALUE})")
	double snr = 1.0 / 12;
	@Option(names = "--views", description = "Distinct simulated orientations (default ${DEFAULT-VALUE})")
	int views = 500;

	@Override
	public Integer call() throws IOException {
		final long t0 = System.nanoTime();
		final ParticleStack stack = input != null ? read(input, count) : simulate(readMap(map), count,
			size, views, snr, seed);
		final double setup = (System.nanoTime() - t0) / 1e9;
		resetPeaks();
		final ClassificationParameters p = parameters(classes, search);
		final ClassificationResult r = Classifier.classify(stack, p, null);
		final long peak = peakHeapBytes();
		final StringBuilder json = new StringBuilder("{");
		field(json, "metric", '"' + metric.toLowerCase(Locale.ROOT) + '"');
		field(json, "search", '"' + search.toLowerCase(Locale.ROOT) + '"');
		field(json, "count", stack.count());
		field(json, "size", stack.size());
		field(json, "classes", classes);
		field(json, "rotations", rotations);
		field(json, "threads", p.effectiveThreads());
		field(json, "setup_seconds", round(setup));
		field(json, "init_seconds", round(r.initSeconds));
		final StringBuilder secs = new StringBuilder("[");
		for (int t = 0; t < r.secondsPerIteration.length; t++)
			secs.append(t == 0 ? "" : ", ").append(round(r.secondsPerIteration[t]));
		field(json, "seconds_per_iteration", secs.append(']'));
		field(json, "pruned_percent", round(r.prunedPercent));
		field(json, "embed_seconds_total", round(r.embedSeconds));
		field(json, "compare_seconds_total", round(r.searchSeconds));
		field(json, "peak_heap_mb", peak >> 20);
		field(json, "max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
		if (verify > 0) field(json, "mismatches", verify(stack));
		json.setLength(json.length() - 2);
		final PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out,
			true);
		out.println(json.append('}'));
		out.flush();
		return 0;
	}

	private ClassificationParameters parameters(final int k, final String strategy) {
		final ClassificationParameters p = new ClassificationParameters();
		p.metric = metric;
		p.classes = k;
		p.rotations = rotations;
		p.maxIterations = iterations;
		p.seed = seed;
		p.threads = threads;
		p.search = strategy;
		return p;
	}

	/** Fast versus exhaustive on the first N images: images whose class, rotation or distance differ. */
	private int verify(final ParticleStack stack) {
		final int n = Math.min(verify, stack.count());
		final float[][] first = new float[n][];
		for (int i = 0; i < n; i++)
			first[i] = stack.image(i);
		final ParticleStack sub = new ParticleStack(stack.size(), first);
		final int k = Math.min(classes, n);
		final ClassificationResult f = Classifier.classify(sub, parameters(k, "fast"), null);
		final ClassificationResult e = Classifier.classify(sub, parameters(k, "exhaustive"), null);
		int mismatches = 0;
		for (int i = 0; i < n; i++) {
			if (f.classOf[i] != e.classOf[i] || f.rotationOf[i] != e.rotationOf[i] || Double
				.doubleToLongBits(f.distanceOf[i]) != Double.doubleToLongBits(e.distanceOf[i])) mismatches++;
		}
		if (!Arrays.equals(f.loss, e.loss)) mismatches = Math.max(mismatches, 1);
		return mismatches;
	}

	private static ParticleStack read(final Path file, final int count) throws IOException {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		final ParticleStack all = name.endsWith(".tif") || name.endsWith(".tiff") ? TiffReader
			.readStack(file) : Mrc.readStack(file);
		if (all.count() <= count) return all;
		final float[][] first = new float[count][];
		for (int i = 0; i < count; i++)
			first[i] = all.image(i);
		return new ParticleStack(all.size(), first);
	}

	private static MrcData readMap(final Path file) throws IOException {
		return Mrc.read(file);
	}

	/**
	 * Noisy projections of a map: see the class comment. Deterministic in the
	 * seed.
	 */
	static ParticleStack simulate(final MrcData map, final int count, final int size,
		final int views, final double snr, final long seed)
	{
		final int v = Math.max(1, Math.min(views, count));
		final SplittableRandom random = new SplittableRandom(seed);
		final float[][] clean = new float[v][];
		final double[][] rotations = new double[v][];
		for (int j = 0; j < v; j++)
			rotations[j] = randomRotation(random);
		java.util.stream.IntStream.range(0, v).parallel().forEach(j -> clean[j] = project(map,
			rotations[j], size));
		double power = 0;
		for (final float[] c : clean)
			for (final float x : c)
				power += (double) x * x;
		power /= (double) v * size * size;
		final double sigma = Math.sqrt(power / snr);
		final float[][] images = new float[count][];
		for (int i = 0; i < count; i++) {
			final float[] c = clean[random.nextInt(v)];
			final float[] img = new float[size * size];
			for (int p = 0; p < img.length; p++)
				img[p] = (float) (c[p] + sigma * gaussian(random));
			images[i] = img;
		}
		return new ParticleStack(size, images);
	}

	/** A uniformly random rotation matrix (row-major 3×3) from a random unit quaternion. */
	private static double[] randomRotation(final SplittableRandom random) {
		double a, b, c, d, norm;
		do {
			a = gaussian(random);
			b = gaussian(random);
			c = gaussian(random);
			d = gaussian(random);
			norm = Math.sqrt(a * a + b * b + c * c + d * d);
		}
		while (norm < 1e-9);
		a /= norm;
		b /= norm;
		c /= norm;
		d /= norm;
		return new double[] { a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
			2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b), 2 * (b * d - a * c),
			2 * (c * d + a * b), a * a - b * b - c * c + d * d };
	}

	/** Line integrals along z of the rotated map, sampled on a size×size grid spanning the map. */
	private static float[] project(final MrcData map, final double[] rot, final int size) {
		final int nx = map.nx(), ny = map.ny(), nz = map.nz();
		final float[] data = map.data();
		final double scale = (double) Math.max(nx, Math.max(ny, nz)) / size;
		final double cx = (nx - 1) / 2.0, cy = (ny - 1) / 2.0, cz = (nz - 1) / 2.0;
		final double c = (size - 1) / 2.0;
		final int steps = nz;
		final double cz0 = (steps - 1) / 2.0;
		final float[] out = new float[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				final double u = (x - c) * scale, v = (y - c) * scale;
				double s = 0;
				for (int k = 0; k < steps; k++) {
					final double w = k - cz0;
					final double px = cx + rot[0] * u + rot[1] * v + rot[2] * w;
					final double py = cy + rot[3] * u + rot[4] * v + rot[5] * w;
					final double pz = cz + rot[6] * u + rot[7] * v + rot[8] * w;
					s += trilinear(data, nx, ny, nz, px, py, pz);
				}
				out[y * size + x] = (float) s;
			}
		}
		return out;
	}

	private static double trilinear(final float[] d, final int nx, final int ny, final int nz,
		final double x, final double y, final double z)
	{
		if (!(x > -1 && y > -1 && z > -1 && x < nx && y < ny && z < nz)) return 0;
		final int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
		final double fx = x - x0, fy = y - y0, fz = z - z0;
		double s = 0;
		for (int dz = 0; dz <= 1; dz++) {
			final int zz = z0 + dz;
			if (zz < 0 || zz >= nz) continue;
			final double wz = dz == 0 ? 1 - fz : fz;
			for (int dy = 0; dy <= 1; dy++) {
				final int yy = y0 + dy;
				if (yy < 0 || yy >= ny) continue;
				final double wy = dy == 0 ? 1 - fy : fy;
				final int row = (zz * ny + yy) * nx;
				for (int dx = 0; dx <= 1; dx++) {
					final int xx = x0 + dx;
					if (xx < 0 || xx >= nx) continue;
					s += wz * wy * (dx == 0 ? 1 - fx : fx) * d[row + xx];
				}
			}
		}
		return s;
	}

	/** Standard normal by Box–Muller (one value per call; deterministic in the generator). */
	private static double gaussian(final SplittableRandom random) {
		final double u1 = 1 - random.nextDouble();
		final double u2 = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}

	private static void resetPeaks() {
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
	}

	private static long peakHeapBytes() {
		long peak = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		return peak;
	}

	private static double round(final double x) {
		return Math.round(x * 1000) / 1000.0;
	}

	private static void field(final StringBuilder json, final String name, final Object value) {
		json.append('"').append(name).append("\": ").append(value).append(", ");
	}
}
