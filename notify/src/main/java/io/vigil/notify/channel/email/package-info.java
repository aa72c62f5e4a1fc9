/**
 * The email channel: one receiver's notifications as a multipart/alternative mail (plain text and HTML,
 * rendered from {@code templates/email/}) sent to that receiver's own smarthost. Its settings are listed on
 * {@link io.vigil.notify.channel.email.EmailChannelFactory}.
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
