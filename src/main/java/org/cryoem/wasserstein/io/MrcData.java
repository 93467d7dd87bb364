package org.cryoem.wasserstein.io;

/**
 * The content of an MRC file: its header and all voxels as floats.
 * <p>
 * {@link #data()} holds {@code nx·ny·nz} values with x fastest, then y, then z:
 * voxel (x, y, z) is at {@code (z·ny + y)·nx + x}. Row y = 0 is the first row
 * stored in the file, as mrcfile/numpy show it ({@code data[z, y, x]}).
 * </p>
 */
public final class MrcData {

	private final MrcHeader header;
	private final float[] data;

	/**
	 * @param header the header read from the file
	 * @param data nx·ny·nz voxels, taken over without copying
	 */
	public MrcData(final MrcHeader header, final float[] data) {
		if ((long) header.nx * header.ny * header.nz != data.length) {
			throw new IllegalArgumentException("data length " + data.length + " does not match " +
				header.nx + "×" + header.ny + "×" + header.nz);
		}
		this.header = header;
		this.data = data;
	}

	/** @return the header as read from the file */
	public MrcHeader header() {
		return header;
	}

	/** @return number of columns (fastest axis) */
	public int nx() {
		return header.nx;
	}

	/** @return number of rows */
	public int ny() {
		return header.ny;
	}

	/** @return number of sections (images of a stack, or slices of a volume) */
	public int nz() {
		return header.nz;
	}

	/** @return data mode of the file (the voxels are converted to float anyway) */
	public int mode() {
		return header.mode;
	}

	/** @return voxel size along X in Å (CELLA.x / MX), 0 when not recorded */
	public double voxelSize() {
		return header.voxelSizeX();
	}

	/** @return the voxels, x fastest; the array is shared, not copied */
	public float[] data() {
		return data;
	}

	/** @return voxel (x, y, z) */
	public float get(final int x, final int y, final int z) {
		return data[(z * header.ny + y) * header.nx + x];
	}
}
