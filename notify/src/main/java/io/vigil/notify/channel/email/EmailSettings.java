package io.vigil.notify.channel.email;

import io.vertx.ext.mail.StartTLSOptions;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One email receiver's settings, checked: every problem is reported when the receivers load, naming the
 * receiver and the key (keys are listed on {@link EmailChannelFactory}).
 *
 * @param password from {@code password_env} or {@code password_file}; never printed by {@link #toString()}
 */
record EmailSettings(String receiver, List<String> to, String from, Smarthost smarthost, StartTLSOptions starttls,
        String username, String password, Duration timeout, String subjectPrefix) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final int IMPLICIT_TLS_PORT = 465;

    static EmailSettings parse(ReceiverConfig config) throws ReceiverConfigException {
        List<String> to = new ArrayList<>();
        for (String address : config.stringList("to")) {
            to.add(checkAddress(config, "to", address));
        }
        if (to.isEmpty()) {
            throw error(config, "to", "is required (one address or a list)");
        }
        String from = checkAddress(config, "from", config.string("from"));

        String hostPort = config.string("smarthost");
        Smarthost smarthost = Smarthost.parse(hostPort);
        if (smarthost == null) {
            throw error(config, "smarthost", "\"" + hostPort + "\" is not host:port (e.g. smtp.example.com:587)");
        }
        if (smarthost.port() == IMPLICIT_TLS_PORT) {
            // the server would wait for a TLS hello and we for its greeting: every delivery would time out
            throw error(config, "smarthost", "port 465 is implicit TLS, which this channel does not speak: use the"
                    + " submission port 587 (STARTTLS)");
        }

        String username = blankToNull(config.optionalString("username"));
        String password = config.secret("password", username != null);
        if (password != null && username == null) {
            throw error(config, "username", "is required when a password is given");
        }
        StartTLSOptions starttls = starttls(config, username != null);
        if (username != null && starttls != StartTLSOptions.REQUIRED && !smarthost.loopback()) {
            throw error(config, "starttls", "must be required when username is set: the password could cross the network"
                    + " unencrypted to " + smarthost);
        }

        Duration timeout = config.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw error(config, "timeout", "must be more than 0 and at most " + MAX_TIMEOUT.toMinutes() + "m");
        }
        return new EmailSettings(config.name(), List.copyOf(to), from, smarthost, starttls, username, password, timeout,
                blankToNull(config.optionalString("subject")));
    }

    /**
     * Defaults to {@code required} when there are credentials, so that a server which stops offering STARTTLS
     * (or an attacker who strips it) cannot get the password in clear; otherwise {@code optional}.
     */
    private static StartTLSOptions starttls(ReceiverConfig config, boolean credentials) throws ReceiverConfigException {
        String value = config.optionalString("starttls");
        if (value == null) {
            return credentials ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "required" -> StartTLSOptions.REQUIRED;
            case "optional" -> StartTLSOptions.OPTIONAL;
            case "disabled" -> StartTLSOptions.DISABLED;
            default -> throw error(config, "starttls", "\"" + value + "\" is not one of required, optional, disabled");
        };
    }

    /** The address, stripped of surrounding blanks, if it is usable. */
    private static String checkAddress(ReceiverConfig config, String key, String address) throws ReceiverConfigException {
        String problem = AddressSyntax.problem(address);
        if (problem != null) {
            throw error(config, key, "\"" + address.strip() + "\" " + problem);
        }
        return address.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Same shape as {@link ReceiverConfig}'s own errors, so all receiver errors read alike. */
    private static ReceiverConfigException error(ReceiverConfig config, String key, String problem) {
        return new ReceiverConfigException(config.where() + ": receiver \"" + config.name() + "\": " + key + " " + problem);
    }

    @Override
    public String toString() {
        return "EmailSettings[receiver=" + receiver + ", to=" + to + ", from=" + from + ", smarthost=" + smarthost
                + ", starttls=" + starttls + ", username=" + username + ", password=" + (password == null ? "none" : "(secret)")
                + ", timeout=" + timeout + ", subjectPrefix=" + subjectPrefix + "]";
    }
}
