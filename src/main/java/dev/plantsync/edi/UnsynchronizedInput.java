package dev.plantsync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A plain, unlocked buffer with mark/reset in front of an input stream. StAEDI reads one byte per call and wraps any
 * stream without mark support in a (synchronized) BufferedInputStream; that lock alone cost a third of the parse
 * time. Given a stream that supports mark, StAEDI uses it as it is.
 */
final class UnsynchronizedInput extends InputStream {

    private final InputStream in;
    private byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private int markPosition = -1;
    private int markLimit;

    UnsynchronizedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readLimit) {
        markPosition = position;
        markLimit = readLimit;
    }

    @Override
    public void reset() throws IOException {
        if (markPosition < 0) {
            throw new IOException("reset without mark");
        }
        position = markPosition;
    }

    private boolean fill() throws IOException {
        if (markPosition >= 0 && position - markPosition < markLimit) {
            // Keep the marked bytes: move them to the front, growing the buffer if the mark needs it.
            int kept = limit - markPosition;
            if (kept == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            System.arraycopy(buffer, markPosition, buffer, 0, kept);
            position -= markPosition;
            limit = kept;
            markPosition = 0;
        } else {
            markPosition = -1;
            position = 0;
            limit = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
