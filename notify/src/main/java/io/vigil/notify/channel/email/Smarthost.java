package io.vigil.notify.channel.email;

/**
 * The SMTP server a receiver's mail goes to, from {@code host:port} ({@code [v6-address]:port} for IPv6).
 * The port is required, as in Alertmanager: guessing between 25, 587 and 465 hides mistakes.
 */
record Smarthost(String host, int port) {

    /** Parses {@code value}, or returns null when it is not {@code host:port}. */
    static Smarthost parse(String value) {
        String s = value.strip();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return null;
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            return null; // an IPv6 address without brackets: host and port are ambiguous
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> c > ' ' && c < 127 && c != '/' && c != '@')) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return port >= 1 && port <= 65535 ? new Smarthost(host, port) : null;
    }

    /**
     * Whether the server is on this machine, so that credentials sent without TLS never cross a network.
     * Judged from the literal only: resolving names at configuration time would make loading depend on DNS.
     */
    boolean loopback() {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
