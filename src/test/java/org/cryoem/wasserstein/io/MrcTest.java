package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrcTest {

	@TempDir
	Path tmp;

	static Path fixture(final String name) {
		final URL url = MrcTest.class.getResource("/fixtures/mrc/" + name);
		assertNotNull(url, "missing fixture " + name);
		try {
			return Paths.get(url.toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** v = 20z + 5y + x − 30, as in make_mrc_fixtures.py. */
	private static double expected(final int mode, final int x, final int y, final int z) {
		final int v = 20 * z + 5 * y + x - 30;
		switch (mode) {
			case 0:
				return v;
			case 1:
				return v * 1000;
			case 2:
				return v * 0.5 + 0.25;
			case 6:
				return (v + 30) * 1000;
			case 12:
				return v * 0.5;
			default:
				throw new IllegalArgumentException();
		}
	}

	private static void checkFormula(final MrcData d, final int mode) {
		assertEquals(5, d.nx());
		assertEquals(4, d.ny());
		assertEquals(3, d.nz());
		assertEquals(mode, d.mode());
		for (int z = 0; z < 3; z++)
			for (int y = 0; y < 4; y++)
				for (int x = 0; x < 5; x++) {
					assertEquals(expected(mode, x, y, z), d.get(x, y, z), 0, "mode " + mode + " at x=" + x +
						" y=" + y + " z=" + z);
					assertEquals(d.get(x, y, z), d.data()[(z * 4 + y) * 5 + x]);
				}
	}

	@Test
	void readsEveryModeInBothByteOrders() throws IOException {
		for (final int mode : new int[] { 0, 1, 2, 6, 12 })
			readsBothByteOrders(mode);
	}

	private static void readsBothByteOrders(final int mode) throws IOException {
		final MrcData le = Mrc.read(fixture("mode" + mode + "_le.mrc"));
		checkFormula(le, mode);
		assertFalse(le.header().bigEndian);
		final MrcData be = Mrc.read(fixture("mode" + mode + "_be.mrc"));
		checkFormula(be, mode);
		assertTrue(be.header().bigEndian);
	}

	@Test
	void signedInt8() throws IOException {
		final MrcData d = Mrc.read(fixture("mode0_le.mrc"));
		assertEquals(-30f, d.get(0, 0, 0));
	}

	@Test
	void unsigned16AboveShortRange() throws IOException {
		final MrcData d = Mrc.read(fixture("mode6_le.mrc"));
		assertEquals(59000f, d.get(4, 3, 2));
	}

	@Test
	void guessesByteOrderWithoutMachineStamp() throws IOException {
		final MrcData d = Mrc.read(fixture("mode1_be_nostamp.mrc"));
		assertTrue(d.header().bigEndian);
		checkFormula(d, 1);
	}

	@Test
	void skipsExtendedHeader() throws IOException {
		final MrcData d = Mrc.read(fixture("exthdr.mrc"));
		assertEquals(96, d.header().nsymbt);
		assertEquals("MRCO", d.header().exttyp);
		assertEquals(1024 + 96, d.header().dataOffset());
		checkFormula(d, 2);
		assertEquals((float) expected(2, 3, 2, 1), Mrc.readImage(fixture("exthdr.mrc"), 1)[2 * 5 + 3]);
	}

	@Test
	void voxelSize() throws IOException {
		assertEquals(1.5, Mrc.read(fixture("mode2_le.mrc")).voxelSize(), 1e-6);
		assertEquals(1.5, Mrc.readHeader(fixture("mode2_le.mrc")).voxelSizeY(), 1e-6);
		assertEquals(0, Mrc.read(fixture("mode1_le.mrc")).voxelSize());
	}

	@Test
	void readStackAndImage() throws IOException {
		final ParticleStack s = Mrc.readStack(fixture("square_stack.mrcs"));
		assertEquals(2, s.count());
		assertEquals(6, s.size());
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < 6; y++)
				for (int x = 0; x < 6; x++)
					assertEquals(100 * z + 10 * y + x, s.image(z)[y * 6 + x], 0);
		assertArrayEquals(s.image(1), Mrc.readImage(fixture("square_stack.mrcs"), 1));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mrc
			.readImage(fixture("square_stack.mrcs"), 2));
		assertTrue(e.getMessage().contains("out of range"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Mrc.readImage(fixture("square_stack.mrcs"),
			-1));
	}

	@Test
	void readStackRefusesNonSquare() {
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> Mrc.readStack(
			fixture("mode2_le.mrc")));
		assertTrue(e.getMessage().contains("mode2_le.mrc"), e.getMessage());
		assertTrue(e.getMessage().contains("5×4"), e.getMessage());
		assertTrue(e.getMessage().contains("square"), e.getMessage());
	}

	// ------------------------------------------------------------- bad input

	private Path copyFixture(final String name) throws IOException {
		final Path p = tmp.resolve(name);
		Files.copy(fixture(name), p);
		return p;
	}

	private static void patchInt(final Path p, final int offset, final int value) throws IOException {
		try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
			final ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
			b.flip();
			ch.write(b, offset);
		}
	}

	private static void assertOneLine(final Exception e, final Path p, final String fragment) {
		final String m = e.getMessage();
		assertTrue(m.contains(p.toString()), m);
		assertTrue(m.contains(fragment), m);
		assertFalse(m.contains("\n"), m);
	}

	@Test
	void truncatedFile() throws IOException {
		final Path p = copyFixture("mode2_le.mrc");
		try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
			ch.truncate(ch.size() - 1);
		}
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.read(p)), p, "truncated");
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.readImage(p, 0)), p,
			"truncated");
		try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
			ch.truncate(100);
		}
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.readHeader(p)), p,
			"too short");
	}

	@Test
	void badMode() throws IOException {
		final Path p = copyFixture("mode2_le.mrc");
		patchInt(p, 12, 5);
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.read(p)), p,
			"unsupported MRC mode 5");
		patchInt(p, 12, 4);
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.readStack(p)), p,
			"unsupported MRC mode 4");
	}

	@Test
	void badDimensions() throws IOException {
		final Path p = copyFixture("mode2_le.mrc");
		patchInt(p, 4, 0);
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.read(p)), p,
			"invalid MRC dimensions");
	}

	@Test
	void absurdSizeRefusedBeforeAllocating() throws IOException {
		final Path p = copyFixture("square_stack.mrcs");
		patchInt(p, 0, 1 << 28);
		patchInt(p, 4, 1 << 28);
		patchInt(p, 8, 1 << 28);
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.readStack(p)), p,
			"truncated");
		final Path q = copyFixture("mode2_le.mrc");
		patchInt(q, 8, Integer.MAX_VALUE);
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.read(q)), q, "truncated");
		patchInt(q, 8, 3);
		patchInt(q, 92, -5);
		assertOneLine(assertThrows(InvalidInputException.class, () -> Mrc.read(q)), q,
			"extended header");
	}

	@Test
	void missingFile() {
		assertThrows(java.nio.file.NoSuchFileException.class, () -> Mrc.read(tmp.resolve("nope.mrc")));
		assertThrows(InvalidInputException.class, () -> Mrc.read(tmp));
	}

	@Test
	void halfFloat() {
		assertEquals(1f, Mrc.halfToFloat((short) 0x3c00));
		assertEquals(-2f, Mrc.halfToFloat((short) 0xc000));
		assertEquals(65504f, Mrc.halfToFloat((short) 0x7bff));
		assertEquals(0x1p-24f, Mrc.halfToFloat((short) 0x0001));
		assertEquals(0x1p-14f, Mrc.halfToFloat((short) 0x0400));
		assertEquals(Float.POSITIVE_INFINITY, Mrc.halfToFloat((short) 0x7c00));
		assertEquals(Float.NEGATIVE_INFINITY, Mrc.halfToFloat((short) 0xfc00));
		assertTrue(Float.isNaN(Mrc.halfToFloat((short) 0x7e00)));
		assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Mrc.halfToFloat((short) 0x8000)));
	}

	// ------------------------------------------------------------- writing

	private static ParticleStack randomStack(final int n, final int size, final long seed) {
		final Random r = new Random(seed);
		final float[][] im = new float[n][size * size];
		for (final float[] a : im)
			for (int i = 0; i < a.length; i++)
				a[i] = (float) r.nextGaussian();
		return new ParticleStack(size, im);
	}

	@Test
	void stackRoundTrip() throws IOException {
		final ParticleStack s = randomStack(3, 7, 42);
		final Path p = tmp.resolve("out.mrcs");
		Mrc.writeStack(p, s, 2.5);
		assertEquals(1024 + 3 * 7 * 7 * 4, Files.size(p));
		final ParticleStack t = Mrc.readStack(p);
		assertEquals(3, t.count());
		assertEquals(7, t.size());
		for (int i = 0; i < 3; i++)
			assertArrayEquals(s.image(i), t.image(i));
		final MrcHeader h = Mrc.readHeader(p);
		assertEquals(2, h.mode);
		assertEquals(0, h.ispg);
		assertEquals(1, h.mz);
		assertEquals(20140, h.nversion);
		assertEquals("MAP", h.map.trim());
		assertFalse(h.bigEndian);
		assertEquals(2.5, h.voxelSizeX(), 1e-6);
		assertEquals(2.5, h.voxelSizeZ(), 1e-6);
		assertEquals(1, h.labels().size());
		assertTrue(h.labels().get(0).startsWith("Wasserstein 2D Classes"));
	}

	@Test
	void volumeRoundTrip() throws IOException {
		final float[] v = new float[4 * 3 * 2];
		for (int i = 0; i < v.length; i++)
			v[i] = i * 0.5f - 3;
		final Path p = tmp.resolve("vol.mrc");
		Mrc.writeVolume(p, 4, 3, 2, v, 0);
		final MrcData d = Mrc.read(p);
		assertArrayEquals(v, d.data());
		assertEquals(1, d.header().ispg);
		assertEquals(2, d.header().mz);
		assertEquals(0, d.voxelSize());
		assertEquals(-3f, d.header().dmin);
		assertEquals(8.5f, d.header().dmax);
	}

	private static final String VALIDATE = "import sys, mrcfile\n" +
		"ok = mrcfile.validate(sys.argv[1])\n" + "with mrcfile.open(sys.argv[1]) as m:\n" +
		"    d = m.data\n" + "    print('shape', *d.shape)\n" +
		"    d = d.reshape((-1,) + d.shape[-2:])\n" +
		"    print('stack', m.is_image_stack())\n" +
		"    print('voxel', float(m.voxel_size.x))\n" +
		"    print('p', repr(float(d[-1, 1, 0])), repr(float(d[0, 0, -1])))\n" + "print('valid', ok)\n";

	private static Map<String, String[]> validate(final Path p) throws IOException {
		final PythonMrcfile.Result r = PythonMrcfile.run(VALIDATE, p.toString());
		assertEquals(0, r.exit, r.out);
		final Map<String, String[]> m = new HashMap<>();
		for (final String line : r.out.split("\\R")) {
			final String[] t = line.trim().split("\\s+");
			if (t.length > 1) m.put(t[0], t);
		}
		assertTrue(m.containsKey("valid") && m.get("valid")[1].equals("True"), r.out);
		return m;
	}

	@Test
	void outputPassesMrcfileValidate() throws IOException {
		PythonMrcfile.assumeAvailable();
		final ParticleStack s = randomStack(4, 9, 7);
		final Path p = tmp.resolve("stack.mrcs");
		Mrc.writeStack(p, s, 1.25);
		Map<String, String[]> m = validate(p);
		assertArrayEquals(new String[] { "shape", "4", "9", "9" }, m.get("shape"));
		assertEquals("True", m.get("stack")[1]);
		assertEquals(1.25, Double.parseDouble(m.get("voxel")[1]), 1e-6);
		// row convention: numpy d[z, y, x] is image z, index y*N + x
		assertEquals(s.image(3)[9], Float.parseFloat(m.get("p")[1]));
		assertEquals(s.image(0)[8], Float.parseFloat(m.get("p")[2]));

		final float[] v = new float[5 * 4 * 3];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) Math.sin(i);
		final Path q = tmp.resolve("vol.mrc");
		Mrc.writeVolume(q, 5, 4, 3, v, 3.0);
		m = validate(q);
		assertArrayEquals(new String[] { "shape", "3", "4", "5" }, m.get("shape"));
		assertEquals("False", m.get("stack")[1]);
		assertEquals(v[(2 * 4 + 1) * 5], Float.parseFloat(m.get("p")[1]));
		assertEquals(v[4], Float.parseFloat(m.get("p")[2]));

		// a single image
		final Path one = tmp.resolve("one.mrcs");
		Mrc.writeStack(one, randomStack(1, 16, 3), Double.NaN);
		assertArrayEquals(new String[] { "shape", "16", "16" }, validate(one).get("shape"));
	}

	// ------------------------------------------------------------- real data

	private static Map<String, Map<String, String>> sharedExpected() throws IOException {
		final Map<String, Map<String, String>> all = new HashMap<>();
		for (final String line : Files.readAllLines(fixture("shared_expected.txt"))) {
			if (line.startsWith("#") || line.trim().isEmpty()) continue;
			final String[] t = line.trim().split("\\s+");
			final Map<String, String> kv = new HashMap<>();
			for (int i = 1; i < t.length; i++) {
				final int eq = t[i].indexOf('=');
				kv.put(t[i].substring(0, eq), t[i].substring(eq + 1));
			}
			all.put(t[0], kv);
		}
		return all;
	}

	private static List<Path> sharedFiles(final String dir) throws IOException {
		final Path d = PythonMrcfile.sharedData().resolve(dir);
		assumeTrue(Files.isDirectory(d), "shared data not found at " + d.toAbsolutePath());
		try (Stream<Path> s = Files.list(d)) {
			return s.filter(p -> p.getFileName().toString().matches(".*\\.mrcs?")).sorted().collect(
				Collectors.toList());
		}
	}

	private static void check(final String rel, final MrcData d, final Map<String, String> e) {
		assertEquals(Integer.parseInt(e.get("nx")), d.nx(), rel);
		assertEquals(Integer.parseInt(e.get("ny")), d.ny(), rel);
		assertEquals(Integer.parseInt(e.get("nz")), d.nz(), rel);
		assertEquals(Double.parseDouble(e.get("voxel")), d.voxelSize(), 1e-5, rel);
		double sum = 0;
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (final float v : d.data()) {
			sum += v;
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		final double es = Double.parseDouble(e.get("sum"));
		assertEquals(es, sum, 1e-9 * Math.max(1, Math.abs(es)) + 1e-6, rel);
		assertEquals(Float.parseFloat(e.get("min")), min, rel);
		assertEquals(Float.parseFloat(e.get("max")), max, rel);
		int pixels = 0;
		for (final Map.Entry<String, String> kv : e.entrySet()) {
			if (!kv.getKey().startsWith("p[")) continue;
			final String[] zyx = kv.getKey().substring(2, kv.getKey().length() - 1).split(",");
			final int z = Integer.parseInt(zyx[0]), y = Integer.parseInt(zyx[1]), x = Integer.parseInt(
				zyx[2]);
			assertEquals(Float.parseFloat(kv.getValue()), d.get(x, y, z), rel + " " + kv.getKey());
			pixels++;
		}
		assertTrue(pixels >= 5);
	}

	@Test
	void readsSharedStacksAndMaps() throws IOException {
		final Map<String, Map<String, String>> expected = sharedExpected();
		final List<Path> files = new ArrayList<>();
		for (final String dir : new String[] { "particles", "class-averages", "maps" })
			files.addAll(sharedFiles(dir));
		assertTrue(files.size() >= 6, files.toString());
		for (final Path f : files) {
			final String rel = f.getParent().getFileName() + "/" + f.getFileName();
			final MrcData d = Mrc.read(f);
			final Map<String, String> e = expected.get(rel);
			if (e != null) check(rel, d, e);
			if (!rel.startsWith("maps/")) {
				final ParticleStack s = Mrc.readStack(f);
				assertEquals(d.nz(), s.count(), rel);
				assertEquals(d.nx(), s.size(), rel);
				for (int z = 0; z < s.count(); z++) {
					final float[] im = s.image(z);
					for (int i = 0; i < im.length; i++)
						assertEquals(d.data()[z * im.length + i], im[i]);
				}
				final int last = s.count() - 1;
				assertArrayEquals(s.image(last), Mrc.readImage(f, last), rel);
			}
		}
		for (final String rel : expected.keySet()) {
			assertTrue(files.stream().anyMatch(f -> (f.getParent().getFileName() + "/" + f
				.getFileName()).equals(rel)), "expected file missing from shared data: " + rel);
		}
	}

	@Test
	void sharedStacksAgreeWithMrcfileNow() throws IOException {
		// Live cross-check against mrcfile, independent of the committed expectations
		PythonMrcfile.assumeAvailable();
		final List<Path> files = sharedFiles("particles");
		for (final Path f : files) {
			final PythonMrcfile.Result r = PythonMrcfile.run("import sys, mrcfile, numpy as np\n" +
				"with mrcfile.open(sys.argv[1], permissive=True) as m:\n" +
				"    d = m.data\n    print(repr(float(d.sum(dtype=np.float64))), " +
				"repr(float(d[-1, 2, 1])))\n", f.toString());
			assertEquals(0, r.exit, r.out);
			final String[] t = r.out.trim().split("\\s+");
			final ParticleStack s = Mrc.readStack(f);
			double sum = 0;
			for (int z = 0; z < s.count(); z++)
				for (final float v : s.image(z))
					sum += v;
			final double es = Double.parseDouble(t[t.length - 2]);
			assertEquals(es, sum, 1e-9 * Math.max(1, Math.abs(es)) + 1e-6, f.toString());
			assertEquals(Float.parseFloat(t[t.length - 1]), s.image(s.count() - 1)[2 * s.size() + 1]);
		}
	}
}
