package io.vigil.wire.remotewrite;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.vigil.wire.BodyTooLargeException;
import io.vigil.wire.SampleSink;
import io.vigil.wire.WireFormatException;

/**
 * Decodes Prometheus remote write bodies (snappy block format around a 1.0 or 2.0 protobuf message)
 * into a {@link SampleSink}, allocating nothing per series or sample: the decompression buffer, the
 * label buffer and the 2.0 symbol index are reused from request to request, so keep one decoder per
 * thread (or pool them); it is not thread-safe.
 *
 * <pre>{@code
 * RemoteWriteDecoder decoder = new RemoteWriteDecoder(64 << 20);
 * decoder.decode(body, body.length, RemoteWriteVersion.ofContentType(contentType), sink);
 * }</pre>
 *
 * <p>The snappy header's declared length is checked against {@code maxDecodedBytes} before anything
 * is decompressed (a "snappy bomb" costs nothing), and the decompressor never writes past it. A body
 * that is not snappy or not protobuf throws {@link WireFormatException}; too large, {@link
 * BodyTooLargeException}. Invalid series are reported to the sink's {@code reject} and skipped.
 * Snappy is aircompressor's pure-Java implementation (no native code; it reads and writes arrays
 * through {@code sun.misc.Unsafe}).
 */
public final class RemoteWriteDecoder {
    private final int maxDecodedBytes;
    private final SnappyDecompressor snappy = new SnappyDecompressor();
    private final WriteRequestV1 v1 = new WriteRequestV1();
    private final RequestV2 v2 = new RequestV2();
    private byte[] decoded = new byte[64 * 1024];

    public RemoteWriteDecoder(int maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** Decompresses {@code body[0, length)} (snappy block format) and decodes the message. */
    public void decode(byte[] body, int length, RemoteWriteVersion version, SampleSink sink) {
        if (length == 0) {
            throw new WireFormatException("empty body: expected a snappy-compressed protobuf message");
        }
        int declared = declaredLength(body, length);
        if (declared > maxDecodedBytes) {
            throw new BodyTooLargeException("body decompresses to " + declared + " bytes, more than the limit of "
                    + maxDecodedBytes);
        }
        if (decoded.length < declared) {
            decoded = new byte[Math.max(declared, Math.min(maxDecodedBytes, decoded.length * 2))];
        }
        int n;
        try {
            n = snappy.decompress(body, 0, length, decoded, 0, declared);
        } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new WireFormatException("body is not valid snappy (block format): " + e.getMessage());
        }
        if (n != declared) {
            throw new WireFormatException("snappy body declares " + declared + " bytes but holds " + n);
        }
        decodeMessage(decoded, 0, n, version, sink);
    }

    /** Decodes an uncompressed protobuf message. */
    public void decodeMessage(byte[] msg, int offset, int length, RemoteWriteVersion version, SampleSink sink) {
        if (version == RemoteWriteVersion.V2) {
            v2.decode(msg, offset, length, sink);
        } else {
            v1.decode(msg, offset, length, sink);
        }
    }

    /** Bytes currently held for decompression (for a pool deciding whether to keep this decoder). */
    public int retainedBytes() {
        return decoded.length;
    }

    /** The uncompressed length from the snappy preamble (a varint of at most 5 bytes). */
    private static int declaredLength(byte[] body, int length) {
        long v = 0;
        for (int i = 0; i < 5 && i < length; i++) {
            v |= (long) (body[i] & 0x7F) << 7 * i;
            if (body[i] >= 0) {
                if (v > Integer.MAX_VALUE) {
                    throw new BodyTooLargeException("body declares a decompressed size of " + v + " bytes");
                }
                return (int) v;
            }
        }
        throw new WireFormatException("body is not valid snappy: bad length preamble");
    }
}
