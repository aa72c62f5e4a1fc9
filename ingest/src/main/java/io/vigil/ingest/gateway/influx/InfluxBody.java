package io.vigil.ingest.gateway.influx;

import io.vigil.wire.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a write body, gunzipping it when {@code Content-Encoding: gzip} says so (Telegraf and the
 * InfluxDB clients compress by default). The decompressed size is bounded: a small gzip bomb is
 * refused once it passes the limit, without inflating the rest.
 */
final class InfluxBody {
    /** The body inflates past the limit: answered 413. */
    static final class TooLargeException extends Exception {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** A Content-Encoding other than gzip or identity: answered 415. */
    static final class UnsupportedEncodingException extends Exception {
        UnsupportedEncodingException(String message) {
            super(message);
        }
    }

    private InfluxBody() {
    }

    static byte[] read(InputStream body, String contentEncoding, long maxDecodedBytes)
            throws TooLargeException, UnsupportedEncodingException, IOException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return body.readAllBytes(); // bounded by quarkus.http.limits.max-body-size
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new UnsupportedEncodingException("Content-Encoding \"" + abbreviate(contentEncoding)
                    + "\" is not supported (use gzip or none)");
        }
        int limit = (int) Math.min(maxDecodedBytes, Integer.MAX_VALUE - 16);
        byte[] decoded;
        try (GZIPInputStream in = new GZIPInputStream(body, 64 * 1024)) {
            decoded = in.readNBytes(limit + 1);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new WireFormatException("the body is not valid gzip (" + e.getMessage() + ")", e);
        }
        if (decoded.length > limit) {
            throw new TooLargeException("the body inflates to more than " + limit + " bytes (vigil.gateway.max-decoded-body-size);"
                    + " split it (nothing of this request was stored)");
        }
        return decoded;
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 29) + "...";
    }
}
