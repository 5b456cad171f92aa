package io.jim.adapter.http.tls;

import io.jim.application.config.TlsFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and an unencrypted PKCS#8 private key (RSA or EC) into an in-memory PKCS12
 * key store, with the JDK alone. Every failure is an {@link IllegalArgumentException} whose message is one line
 * naming the file.
 */
public final class PemKeyStore {

    /** The password of the in-memory store; it never leaves this process. */
    public static final String PASSWORD = "jim-in-memory";
    public static final String ALIAS = "jim";

    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeyStore() {
    }

    /** The key store holding the key under {@link #ALIAS} with its chain, protected by {@link #PASSWORD}. */
    public static KeyStore load(TlsFiles files) {
        List<Certificate> chain = certificates(files.certificateChain());
        PrivateKey key = privateKey(files.privateKey());
        if (!chain.getFirst().getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(files.privateKey() + ": a " + key.getAlgorithm() + " key does not fit the "
                    + chain.getFirst().getPublicKey().getAlgorithm() + " certificate in " + files.certificateChain());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a key store from " + files.certificateChain() + " and "
                    + files.privateKey() + ": " + oneLine(e));
        }
    }

    /** The X.509 certificates of a PEM file, in file order; at least one. */
    public static List<Certificate> certificates(Path file) {
        byte[] bytes = read(file);
        try {
            List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(file + ": no PEM certificate in the file");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not a PEM X.509 certificate chain (" + oneLine(e) + ")");
        }
    }

    /** The unencrypted PKCS#8 private key ("BEGIN PRIVATE KEY") of a PEM file, RSA or EC. */
    public static PrivateKey privateKey(Path file) {
        String text = new String(read(file), StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(file + ": no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----) in the file");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the key is not valid base64");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + ": not an RSA or EC PKCS#8 private key");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the file (" + oneLine(e) + ")");
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
