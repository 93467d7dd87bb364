import jdk.incubator.vector.*;

/**
 * Side measurement for the README (Performance, "A W1 kernel of minima"): the
 * four-image W1 column kernel as it is (|v − c| summed: subtract, absolute
 * value, add) against the form Σmin(v', c') of shifted, non-negative values,
 * taken as the integer minimum of the floats' bit patterns, with the image
 * values shifted inside the loop ({@code min}) or beforehand ({@code min2}).
 * Four images × 192 candidates × 256 elements per call, on one thread; prints
 * 10⁹ terms per second, five rounds (the first includes the JIT's warm-up).
 *
 * <pre>java --add-modules jdk.incubator.vector scripts/MinKernelBench.java</pre>
 */
public class MinKernelBench {
	static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
	static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
	static final int L = 16;
	static void abs(float[][] col, float[] e0, float[] e1, float[] e2, float[] e3, float[][] acc, int from, int to, int r1) {
		for (int r = 0; r + 4*L <= r1; r += 4*L) {
			FloatVector s00=FloatVector.zero(S),s01=s00,s02=s00,s03=s00,s10=s00,s11=s00,s12=s00,s13=s00,s20=s00,s21=s00,s22=s00,s23=s00,s30=s00,s31=s00,s32=s00,s33=s00;
			for (int i = from; i < to; i++) {
				float[] c = col[i];
				FloatVector b0=FloatVector.fromArray(S,c,r),b1=FloatVector.fromArray(S,c,r+L),b2=FloatVector.fromArray(S,c,r+2*L),b3=FloatVector.fromArray(S,c,r+3*L);
				FloatVector v=FloatVector.broadcast(S,e0[i]);
				s00=s00.add(v.sub(b0).abs());s01=s01.add(v.sub(b1).abs());s02=s02.add(v.sub(b2).abs());s03=s03.add(v.sub(b3).abs());
				v=FloatVector.broadcast(S,e1[i]);
				s10=s10.add(v.sub(b0).abs());s11=s11.add(v.sub(b1).abs());s12=s12.add(v.sub(b2).abs());s13=s13.add(v.sub(b3).abs());
				v=FloatVector.broadcast(S,e2[i]);
				s20=s20.add(v.sub(b0).abs());s21=s21.add(v.sub(b1).abs());s22=s22.add(v.sub(b2).abs());s23=s23.add(v.sub(b3).abs());
				v=FloatVector.broadcast(S,e3[i]);
				s30=s30.add(v.sub(b0).abs());s31=s31.add(v.sub(b1).abs());s32=s32.add(v.sub(b2).abs());s33=s33.add(v.sub(b3).abs());
			}
			s00.add(s01).add(s02).add(s03).add(s10).add(s11).add(s12).add(s13).add(s20).add(s21).add(s22).add(s23).add(s30).add(s31).add(s32).add(s33).intoArray(acc[0], r);
		}
	}
	static void min(int[][] col, float[] e0, float[] e1, float[] e2, float[] e3, float[] k, float[][] acc, int from, int to, int r1) {
		for (int r = 0; r + 4*L <= r1; r += 4*L) {
			FloatVector s00=FloatVector.zero(S),s01=s00,s02=s00,s03=s00,s10=s00,s11=s00,s12=s00,s13=s00,s20=s00,s21=s00,s22=s00,s23=s00,s30=s00,s31=s00,s32=s00,s33=s00;
			for (int i = from; i < to; i++) {
				int[] c = col[i]; float ki = k[i];
				IntVector b0=IntVector.fromArray(I,c,r),b1=IntVector.fromArray(I,c,r+L),b2=IntVector.fromArray(I,c,r+2*L),b3=IntVector.fromArray(I,c,r+3*L);
				IntVector v=IntVector.broadcast(I,Float.floatToRawIntBits(e0[i]+ki));
				s00=s00.add(v.min(b0).reinterpretAsFloats());s01=s01.add(v.min(b1).reinterpretAsFloats());s02=s02.add(v.min(b2).reinterpretAsFloats());s03=s03.add(v.min(b3).reinterpretAsFloats());
				v=IntVector.broadcast(I,Float.floatToRawIntBits(e1[i]+ki));
				s10=s10.add(v.min(b0).reinterpretAsFloats());s11=s11.add(v.min(b1).reinterpretAsFloats());s12=s12.add(v.min(b2).reinterpretAsFloats());s13=s13.add(v.min(b3).reinterpretAsFloats());
				v=IntVector.broadcast(I,Float.floatToRawIntBits(e2[i]+ki));
				s20=s20.add(v.min(b0).reinterpretAsFloats());s21=s21.add(v.min(b1).reinterpretAsFloats());s22=s22.add(v.min(b2).reinterpretAsFloats());s23=s23.add(v.min(b3).reinterpretAsFloats());
				v=IntVector.broadcast(I,Float.floatToRawIntBits(e3[i]+ki));
				s30=s30.add(v.min(b0).reinterpretAsFloats());s31=s31.add(v.min(b1).reinterpretAsFloats());s32=s32.add(v.min(b2).reinterpretAsFloats());s33=s33.add(v.min(b3).reinterpretAsFloats());
			}
			s00.add(s01).add(s02).add(s03).add(s10).add(s11).add(s12).add(s13).add(s20).add(s21).add(s22).add(s23).add(s30).add(s31).add(s32).add(s33).intoArray(acc[0], r);
		}
	}
	static void min2(int[][] col, int[] e0, int[] e1, int[] e2, int[] e3, float[] k, float[][] acc, int from, int to, int r1) {
		for (int r = 0; r + 4*L <= r1; r += 4*L) {
			FloatVector s00=FloatVector.zero(S),s01=s00,s02=s00,s03=s00,s10=s00,s11=s00,s12=s00,s13=s00,s20=s00,s21=s00,s22=s00,s23=s00,s30=s00,s31=s00,s32=s00,s33=s00;
			for (int i = from; i < to; i++) {
				int[] c = col[i]; float ki = k[i];
				IntVector b0=IntVector.fromArray(I,c,r),b1=IntVector.fromArray(I,c,r+L),b2=IntVector.fromArray(I,c,r+2*L),b3=IntVector.fromArray(I,c,r+3*L);
				IntVector v=IntVector.broadcast(I,e0[i]);
				s00=s00.add(v.min(b0).reinterpretAsFloats());s01=s01.add(v.min(b1).reinterpretAsFloats());s02=s02.add(v.min(b2).reinterpretAsFloats());s03=s03.add(v.min(b3).reinterpretAsFloats());
				v=IntVector.broadcast(I,e1[i]);
				s10=s10.add(v.min(b0).reinterpretAsFloats());s11=s11.add(v.min(b1).reinterpretAsFloats());s12=s12.add(v.min(b2).reinterpretAsFloats());s13=s13.add(v.min(b3).reinterpretAsFloats());
				v=IntVector.broadcast(I,e2[i]);
				s20=s20.add(v.min(b0).reinterpretAsFloats());s21=s21.add(v.min(b1).reinterpretAsFloats());s22=s22.add(v.min(b2).reinterpretAsFloats());s23=s23.add(v.min(b3).reinterpretAsFloats());
				v=IntVector.broadcast(I,e3[i]);
				s30=s30.add(v.min(b0).reinterpretAsFloats());s31=s31.add(v.min(b1).reinterpretAsFloats());s32=s32.add(v.min(b2).reinterpretAsFloats());s33=s33.add(v.min(b3).reinterpretAsFloats());
			}
			s00.add(s01).add(s02).add(s03).add(s10).add(s11).add(s12).add(s13).add(s20).add(s21).add(s22).add(s23).add(s30).add(s31).add(s32).add(s33).intoArray(acc[0], r);
		}
	}
	public static void main(String[] a) {
		int dim = 256, w = 208; java.util.Random rnd = new java.util.Random(1);
		float[][] col = new float[dim][w]; int[][] icol = new int[dim][w]; float[] k = new float[dim];
		for (int i=0;i<dim;i++){ k[i]=5; for(int r=0;r<w;r++){col[i][r]=(float)rnd.nextGaussian(); icol[i][r]=Float.floatToRawIntBits(col[i][r]+5);} }
		float[][] es = new float[64][dim]; for (float[] e: es) for (int i=0;i<dim;i++) e[i]=(float)rnd.nextGaussian();
		float[][] acc = new float[1][w]; int[][] ies = new int[64][dim]; for (int q=0;q<64;q++) for(int i=0;i<dim;i++) ies[q][i]=Float.floatToRawIntBits(es[q][i]+5);
		for (int rep = 0; rep < 5; rep++) {
			long t0 = System.nanoTime();
			for (int it = 0; it < 2000; it++) for (int q = 0; q < 64; q += 4) abs(col, es[q], es[q+1], es[q+2], es[q+3], acc, 0, dim, 192);
			long t1 = System.nanoTime();
			for (int it = 0; it < 2000; it++) for (int q = 0; q < 64; q += 4) min(icol, es[q], es[q+1], es[q+2], es[q+3], k, acc, 0, dim, 192);
			long t2 = System.nanoTime();
			for (int it = 0; it < 2000; it++) for (int q = 0; q < 64; q += 4) min2(icol, ies[q], ies[q+1], ies[q+2], ies[q+3], k, acc, 0, dim, 192);
			long t3 = System.nanoTime();
			double terms = 2000.0 * 64 * dim * 192;
			System.out.printf("abs %.1f  min %.1f min2 %.1f (1e9 terms/s)%n", terms / (t1 - t0), terms / (t2 - t1), terms/(t3-t2));
		}
	}
}
