package io.karafimages.rest.internal;

import java.util.Optional;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

import io.karafimages.api.ImagesException;
import io.karafimages.api.SigningCertificates;

/** The public certificate chain that signs this instance's C2PA manifests (no auth). */
@Path("/provenance")
public final class ProvenanceResource {
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    private final Supplier<Optional<SigningCertificates>> certificates;

    ProvenanceResource(Supplier<Optional<SigningCertificates>> certificates) {
        this.certificates = certificates;
    }

    @GET
    @Path("/certificate")
    @Produces(PEM_CHAIN)
    public Response certificate() {
        SigningCertificates certs = certificates.get().orElseThrow(() -> new ImagesException(
                "provenance_not_installed", 404, false, "This instance does not sign images (no provenance feature)."));
        return Response.ok(certs.pemChain(), PEM_CHAIN).header("Cache-Control", "public, max-age=3600").build();
    }
}
