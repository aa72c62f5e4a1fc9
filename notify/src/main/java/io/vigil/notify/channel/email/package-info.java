/**
 * The email channel: one receiver's notifications as a multipart/alternative mail (plain text and HTML,
 * rendered from {@code templates/email/}) sent to that receiver's own smarthost.
 *
 * <h2>Receiver settings</h2>
 * <pre>
 * - name: dba-mail
 *   type: email
 *   to: [dba@example.com, "On call &lt;oncall@example.com&gt;"]   # required, one address or a list
 *   from: "Vigil &lt;vigil@example.com&gt;"                       # required
 *   smarthost: smtp.example.com:587                             # required, host:port ([v6]:port)
 *   starttls: required         # required | optional | disabled; default required with a username, else optional
 *   username: vigil            # optional; then password_env or password_file is required
 *   password_env: SMTP_PASSWORD
 *   timeout: 10s               # whole exchange, connect to final reply
 *   subject: "[prod]"          # optional subject prefix
 * </pre>
 *
 * <h2>Why Vert.x mail and not the Quarkus mailer</h2>
 * The Quarkus {@code Mailer} has one global SMTP configuration, but every receiver may name its own
 * smarthost and credentials. Vert.x's {@code MailClient} (brought by quarkus-mailer) takes a
 * {@code MailConfig} per client, so each delivery gets a client for its receiver's server. Jakarta Mail
 * is not on the runtime classpath (only GreenMail's test scope brings it).
 *
 * <h2>What an SMTP answer means</h2>
 * Accepted after the final dot: delivered (250). Any 4xx reply (421, 450, 451, 452…), no answer within the
 * timeout, a refused or dropped connection: retry. Any 5xx reply (535 bad credentials, 550, 553, 554…):
 * rejected, the server will refuse again. Details never carry the password, nor the server's reply to
 * AUTH (servers may echo the encoded credentials in it).
 */
package io.vigil.notify.channel.email;
