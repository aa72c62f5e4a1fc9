package io.vigil.wire.remotewrite;

import java.util.Locale;

/** The two remote write protobuf messages, told apart by the request's Content-Type. */
public enum RemoteWriteVersion {
    /** {@code prometheus.WriteRequest}: Content-Type {@code application/x-protobuf}. */
    V1,
    /** {@code io.prometheus.write.v2.Request}: {@code application/x-protobuf;proto=io.prometheus.write.v2.Request}. */
    V2;

    /**
     * The version a Content-Type asks for, or null when it is not a remote write type (the receiver
     * answers 415). Without a {@code proto} parameter it is 1.0, as the 2.0 spec says.
     */
    public static RemoteWriteVersion ofContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/x-protobuf")) {
            return null;
        }
        RemoteWriteVersion version = V1;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq < 0 || !p.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("proto")) {
                continue;
            }
            String proto = p.substring(eq + 1).trim();
            if (proto.length() > 1 && proto.startsWith("\"") && proto.endsWith("\"")) {
                proto = proto.substring(1, proto.length() - 1);
            }
            if (proto.equals("io.prometheus.write.v2.Request")) {
                version = V2;
            } else if (!proto.equals("prometheus.WriteRequest")) {
                return null;
            }
        }
        return version;
    }
}
