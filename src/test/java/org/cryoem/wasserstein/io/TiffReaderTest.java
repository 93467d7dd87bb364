package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

class TiffReaderTest {

	@TempDir
	Path tmp;

	private interface Maker {

		ImageProcessor make(int w, int h, Random r);
	}

	private static ImageProcessor bytes(final int w, final int h, final Random r) {
		final ByteProcessor ip = new ByteProcessor(w, h);
		for (int i = 0; i < w * h; i++)
			ip.set(i, r.nextInt(256));
		ip.set(0, 255); // above the signed byte range
		return ip;
	}

	private static ImageProcessor shorts(final int w, final int h, final Random r) {
		final ShortProcessor ip = new ShortProcessor(w, h);
		for (int i = 0; i < w * h; i++)
			ip.set(i, r.nextInt(65536));
		ip.set(0, 65535); // above the signed short range
		return ip;
	}

	private static ImageProcessor floats(final int w, final int h, final Random r) {
		final FloatProcessor ip = new FloatProcessor(w, h);
		for (int i = 0; i < w * h; i++)
			ip.setf(i, (float) r.nextGaussian() * 100);
		return ip;
	}

	private Path save(final String name, final ImageProcessor... slices) {
		final ImageStack st = new ImageStack(slices[0].getWidth(), slices[0].getHeight());
		for (final ImageProcessor ip : slices)
			st.addSlice(ip);
		final ImagePlus imp = new ImagePlus(name, st);
		final Path p = tmp.resolve(name);
		final boolean ok = slices.length > 1 ? new FileSaver(imp).saveAsTiffStack(p.toString())
			: new FileSaver(imp).saveAsTiff(p.toString());
		assertTrue(ok, "ImageJ could not save " + p);
		return p;
	}

	private void roundTrip(final String name, final Maker maker, final int slices) throws IOException {
		final Random r = new Random(name.hashCode());
		final int n = 13; // odd size: catches row/column mix-ups
		final ImageProcessor[] ips = new ImageProcessor[slices];
		for (int i = 0; i < slices; i++)
			ips[i] = maker.make(n, n, r);
		final ParticleStack s = TiffReader.readStack(save(name, ips));
		assertEquals(slices, s.count(), name);
		assertEquals(n, s.size(), name);
		for (int i = 0; i < slices; i++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					assertEquals(ips[i].getf(x, y), s.image(i)[y * n + x], name + " slice " + i + " x=" + x +
						" y=" + y);
	}

	@Test
	void eightBitStack() throws IOException {
		roundTrip("b8.tif", TiffReaderTest::bytes, 3);
	}

	@Test
	void sixteenBitStack() throws IOException {
		roundTrip("b16.tif", TiffReaderTest::shorts, 4);
	}

	@Test
	void floatStack() throws IOException {
		roundTrip("f32.tif", TiffReaderTest::floats, 5);
	}

	@Test
	void singleImages() throws IOException {
		roundTrip("single8.tif", TiffReaderTest::bytes, 1);
		roundTrip("single16.tif", TiffReaderTest::shorts, 1);
		roundTrip("single32.tif", TiffReaderTest::floats, 1);
	}

	@Test
	void refusesNonSquare() {
		final Path p = save("rect.tif", floats(8, 6, new Random(1)), floats(8, 6, new Random(2)));
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader
			.readStack(p));
		assertTrue(e.getMessage().contains("8×6") && e.getMessage().contains(p.toString()), e
			.getMessage());
	}

	@Test
	void refusesColour() {
		final Path p = save("rgb.tif", new ColorProcessor(8, 8));
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader
			.readStack(p));
		assertTrue(e.getMessage().contains("grayscale"), e.getMessage());
	}

	@Test
	void refusesNonTiff() throws IOException {
		final Path p = tmp.resolve("not.tif");
		Files.write(p, "hello world".getBytes("US-ASCII"));
		final InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader
			.readStack(p));
		assertTrue(e.getMessage().contains("not a TIFF"), e.getMessage());
		final Path q = tmp.resolve("cut.tif");
		final byte[] full = Files.readAllBytes(save("full.tif", floats(16, 16, new Random(3)),
			floats(16, 16, new Random(4))));
		Files.write(q, java.util.Arrays.copyOf(full, 200));
		assertThrows(InvalidInputException.class, () -> TiffReader.readStack(q));
	}

	@Test
	void invertedLutKeepsStoredValues() throws IOException {
		final ImageProcessor ip = bytes(9, 9, new Random(5));
		ip.invertLut();
		final Path p = save("inv.tif", ip);
		final ParticleStack s = TiffReader.readStack(p);
		for (int i = 0; i < 81; i++)
			assertEquals(ip.getf(i), s.image(0)[i]);
	}
}
