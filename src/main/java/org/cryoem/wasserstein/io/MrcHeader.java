package org.cryoem.wasserstein.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 1024-byte main header of an MRC/MRCS file (MRC2014 layout), as read from
 * a file. Immutable. Field names follow the MRC2014 specification; byte offsets
 * are 0-based.
 * <p>
 * Only what a reader needs is interpreted; everything else is kept verbatim so
 * that callers can inspect it. The axis-mapping fields {@code mapc/mapr/maps}
 * are reported but <em>not applied</em>: data are always returned in file order
 * (x fastest, then y, then z), as mrcfile/numpy do.
 * </p>
 */
public final class MrcHeader {

	/** Length of the main header in bytes. */
	public static final int HEADER_BYTES = 1024;

	/** Columns (fastest axis), rows, sections. */
	public final int nx, ny, nz;
	/** Data mode (0 int8, 1 int16, 2 float32, 6 uint16, 12 float16 are readable). */
	public final int mode;
	/** Location of the first column, row and section in the unit cell. */
	public final int nxstart, nystart, nzstart;
	/** Sampling along X, Y, Z of the unit cell. */
	public final int mx, my, mz;
	/** Cell dimensions in Å (CELLA). */
	public final float cellX, cellY, cellZ;
	/** Cell angles in degrees (CELLB). */
	public final float alpha, beta, gamma;
	/** Axis mapping (1, 2, 3 = X, Y, Z); reported, never applied. */
	public final int mapc, mapr, maps;
	/** Density statistics as stored in the header (may be stale or unset). */
	public final float dmin, dmax, dmean, rms;
	/** Space group: 0 for an image stack, 1 for a volume, 401+ for a volume stack. */
	public final int ispg;
	/** Length of the extended header in bytes (NSYMBT). */
	public final int nsymbt;
	/** Extended header type (EXTTYP, 4 ASCII characters, may be blank). */
	public final String exttyp;
	/** Format version (NVERSION), e.g. 20140; 0 in many older files. */
	public final int nversion;
	/** Origin in Å (ORIGIN). */
	public final float originX, originY, originZ;
	/** True when the file is big-endian. */
	public final boolean bigEndian;
	/** Map identifier string at byte 208 ("MAP " in MRC2014 files). */
	public final String map;

	private final byte[] machst;
	private final List<String> labels;

	private MrcHeader(final ByteBuffer b, final boolean bigEndian) {
		this.bigEndian = bigEndian;
		nx = b.getInt(0);
		ny = b.getInt(4);
		nz = b.getInt(8);
		mode = b.getInt(12);
		nxstart = b.getInt(16);
		nystart = b.getInt(20);
		nzstart = b.getInt(24);
		mx = b.getInt(28);
		my = b.getInt(32);
		mz = b.getInt(36);
		cellX = b.getFloat(40);
		cellY = b.getFloat(44);
		cellZ = b.getFloat(48);
		alpha = b.getFloat(52);
		beta = b.getFloat(56);
		gamma = b.getFloat(60);
		mapc = b.getInt(64);
		mapr = b.getInt(68);
		maps = b.getInt(72);
		dmin = b.getFloat(76);
		dmax = b.getFloat(80);
		dmean = b.getFloat(84);
		ispg = b.getInt(88);
		nsymbt = b.getInt(92);
		exttyp = ascii(b, 104, 4);
		nversion = b.getInt(108);
		originX = b.getFloat(196);
		originY = b.getFloat(200);
		originZ = b.getFloat(204);
		map = ascii(b, 208, 4);
		machst = new byte[4];
		for (int i = 0; i < 4; i++)
			machst[i] = b.get(212 + i);
		rms = b.getFloat(216);
		final int nlabl = b.getInt(220);
		final List<String> l = new ArrayList<>();
		for (int i = 0; i < Math.max(0, Math.min(10, nlabl)); i++) {
			l.add(ascii(b, 224 + 80 * i, 80).trim());
		}
		labels = Collections.unmodifiableList(l);
	}

	/**
	 * Parses a main header, detecting the byte order from the machine stamp
	 * (bytes 212–215: 0x44 = little-endian, 0x11 = big-endian). When the stamp
	 * is missing or contradicts the header (the mode and dimensions are
	 * implausible in that byte order but plausible in the other), the byte order
	 * in which the header words are plausible is used.
	 *
	 * @param header at least {@link #HEADER_BYTES} bytes
	 */
	static MrcHeader parse(final byte[] header) {
		final ByteBuffer le = ByteBuffer.wrap(header, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		final ByteBuffer be = ByteBuffer.wrap(header, 0, HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
		final ByteOrder stamp = header[212] == 0x44 ? ByteOrder.LITTLE_ENDIAN : header[212] == 0x11
			? ByteOrder.BIG_ENDIAN : null;
		final boolean leOk = plausible(le), beOk = plausible(be);
		final boolean big;
		if (stamp == ByteOrder.LITTLE_ENDIAN && leOk) big = false;
		else if (stamp == ByteOrder.BIG_ENDIAN && beOk) big = true;
		else if (leOk) big = false;
		else if (beOk) big = true;
		else big = stamp == ByteOrder.BIG_ENDIAN;
		return new MrcHeader(big ? be : le, big);
	}

	private static boolean plausible(final ByteBuffer b) {
		final int limit = 1 << 28;
		for (int off = 0; off <= 8; off += 4) {
			final int v = b.getInt(off);
			if (v < 0 || v > limit) return false;
		}
		final int mode = b.getInt(12);
		return (mode >= 0 && mode <= 16) || mode == 101;
	}

	private static String ascii(final ByteBuffer b, final int off, final int len) {
		final byte[] s = new byte[len];
		for (int i = 0; i < len; i++) {
			final byte c = b.get(off + i);
			s[i] = c >= 32 && c < 127 ? c : (byte) ' ';
		}
		final String str = new String(s, StandardCharsets.US_ASCII);
		return str.replaceAll("\\s+$", "");
	}

	/** @return the machine stamp bytes 212–215 (a copy) */
	public byte[] machineStamp() {
		return machst.clone();
	}

	/** @return the text labels (at most 10, trailing blanks removed), NLABL of them */
	public List<String> labels() {
		return labels;
	}

	/**
	 * @return bytes per voxel of {@link #mode}, or −1 for an unsupported mode
	 */
	public int bytesPerVoxel() {
		return bytesPerVoxel(mode);
	}

	static int bytesPerVoxel(final int mode) {
		switch (mode) {
			case 0:
				return 1;
			case 1:
			case 6:
			case 12:
				return 2;
			case 2:
				return 4;
			default:
				return -1;
		}
	}

	/** @return byte offset of the first voxel: 1024 + NSYMBT */
	public long dataOffset() {
		return HEADER_BYTES + (long) nsymbt;
	}

	/** @return true for an image stack (ISPG 0) rather than a volume */
	public boolean isImageStack() {
		return ispg == 0;
	}

	/**
	 * @return the voxel size along X in Å (CELLA.x / MX), or 0 when the header
	 *         does not record it (cell or sampling zero)
	 */
	public double voxelSizeX() {
		return voxel(cellX, mx);
	}

	/** @return voxel size along Y in Å, or 0 when unknown; see {@link #voxelSizeX()} */
	public double voxelSizeY() {
		return voxel(cellY, my);
	}

	/** @return voxel size along Z in Å, or 0 when unknown; see {@link #voxelSizeX()} */
	public double voxelSizeZ() {
		return voxel(cellZ, mz);
	}

	private static double voxel(final float cell, final int m) {
		if (m <= 0 || !(cell > 0) || Float.isInfinite(cell)) return 0;
		return (double) cell / m;
	}

	@Override
	public String toString() {
		return "MRC " + nx + "×" + ny + "×" + nz + " mode " + mode + (bigEndian ? " big-endian"
			: " little-endian") + ", ispg " + ispg + ", nsymbt " + nsymbt + ", voxel " + voxelSizeX() +
			" Å";
	}
}
