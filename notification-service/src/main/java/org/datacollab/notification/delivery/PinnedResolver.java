package org.datacollab.notification.delivery;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Resolves every name to the one address already checked (WebhookTargets): the webhook's connection goes where the
 * check looked, whatever the name's DNS answers a moment later. TLS still names and verifies the URL's host.
 */
final class PinnedResolver extends AddressResolverGroup<InetSocketAddress> {

    private final InetAddress address;

    PinnedResolver(InetAddress address) {
        this.address = address;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                promise.setSuccess(address);
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                promise.setSuccess(List.of(address));
            }
        });
    }
}
