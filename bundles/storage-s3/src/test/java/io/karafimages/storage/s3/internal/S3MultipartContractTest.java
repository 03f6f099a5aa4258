package io.karafimages.storage.s3.internal;

import io.karafimages.testsupport.S3Proxy;

/**
 * The public blob store contract once more, with a multipart threshold of 0: every non-empty write, including
 * the contract's failing, short and concurrent ones, goes through the multipart path (5 MiB parts).
 */
class S3MultipartContractTest extends S3BlobStoreContractTest {
    @Override
    S3Settings settings(S3Proxy s3) {
        return S3ProxySettings.settings(s3, "contract-multipart", S3Proxy.CREDENTIAL, 0, 5);
    }
}
