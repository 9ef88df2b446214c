package io.gatehouse.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.text.StringEscapeUtils;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's mail server: accepts the mail Keycloak sends (organization invitations, email
 * verification) on 127.0.0.1 and prints each message's recipients, subject and text, decoded, so
 * whoever tries the demo can follow the links in it. Nothing leaves the machine.
 */
public final class MailSink {

    private MailSink() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2525;
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        System.out.println("Demo mail server listening on 127.0.0.1:" + port);
        int printed = 0;
        while (true) {
            server.waitForIncomingEmail(TimeUnit.MINUTES.toMillis(1), printed + 1);
            MimeMessage[] received = server.getReceivedMessages();
            for (; printed < received.length; printed++) {
                try {
                    print(received[printed]);
                } catch (MessagingException | IOException | RuntimeException e) {
                    System.out.println("==== A mail that could not be read: " + e);
                }
            }
        }
    }

    private static void print(MimeMessage message) throws MessagingException, IOException {
        Address[] recipients = message.getAllRecipients();
        String to = recipients == null ? "(no recipient)" : Arrays.stream(recipients).map(Address::toString).collect(Collectors.joining(", "));
        System.out.println("==== Mail to " + to + ": " + message.getSubject());
        String text = text(message);
        // Keycloak's plain-text templates escape their links as HTML (&amp;, &#61;): print them clickable.
        System.out.println(text == null ? "(no text part)" : StringEscapeUtils.unescapeHtml4(text).replace("\r\n", "\n"));
        System.out.flush();
    }

    /** The message's plain-text part, decoded; else its first other text part. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return (String) part.getContent();
        }
        if (!part.isMimeType("multipart/*")) {
            return null;
        }
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                return (String) multipart.getBodyPart(i).getContent();
            }
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            String text = text(multipart.getBodyPart(i));
            if (text != null) {
                return text;
            }
        }
        return null;
    }
}
