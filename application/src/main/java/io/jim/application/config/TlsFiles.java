package io.jim.application.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificate and key the listeners serve TLS with (JIM_TLS_CERT_FILE, JIM_TLS_KEY_FILE).
 *
 * @param certificateChain PEM file with the server certificate first, then any intermediates
 * @param privateKey       PEM file with the unencrypted PKCS#8 private key ("BEGIN PRIVATE KEY"), RSA or EC
 */
public record TlsFiles(Path certificateChain, Path privateKey) {

    public TlsFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
