package io.atrium.admin.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.admin.api.AdminPage;
import io.atrium.health.api.HealthContributor;

/**
 * The whiteboard of {@link AdminPage}s. Of the pages sharing an id, the one with the highest
 * service ranking (then the lowest service id) is shown; the others, and pages with an invalid id,
 * are listed as rejected with the reason, on the shell and on {@code /health}.
 */
@Component(service = { PageBoard.class, HealthContributor.class })
public final class PageBoard implements HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(PageBoard.class);
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** A registered page. */
    record Entry(AdminPage page, ServiceReference<AdminPage> ref, String id, String bundle, long bundleId) {
    }

    /** A page not shown, and why. */
    record Rejected(String id, String bundle, long bundleId, String reason) {
    }

    /** Every registered page, by service reference (ordered by ranking, highest first). */
    private final Map<ServiceReference<AdminPage>, Entry> entries = new ConcurrentSkipListMap<>(
            Comparator.reverseOrder());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPage(AdminPage page, ServiceReference<AdminPage> ref) {
        String id;
        try {
            id = Objects.requireNonNull(page.id(), "id() returned null");
        } catch (RuntimeException e) {
            id = "?";
        }
        Entry entry = new Entry(page, ref, id, ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName(),
                ref.getBundle() == null ? 0 : ref.getBundle().getBundleId());
        entries.put(ref, entry);
        Rejected r = state().rejected().stream().filter(x -> x.bundleId() == entry.bundleId()
                && x.id().equals(entry.id())).findFirst().orElse(null);
        if (r != null) {
            LOG.warn("Admin page {} of {} is not shown: {}", r.id(), r.bundle(), r.reason());
        }
    }

    void removePage(AdminPage page, ServiceReference<AdminPage> ref) {
        entries.remove(ref);
    }

    /** The pages shown and those rejected. */
    record State(List<Entry> shown, List<Rejected> rejected) {
        Entry page(String id) {
            return shown.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
        }
    }

    State state() {
        List<Entry> shown = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!ID.matcher(e.id()).matches()) {
                rejected.add(new Rejected(e.id(), e.bundle(), e.bundleId(), "its id is not 1 to 40 characters of "
                        + "a-z, 0-9 and '-' starting with a letter"));
                continue;
            }
            Entry winner = shown.stream().filter(s -> s.id().equals(e.id())).findFirst().orElse(null);
            if (winner != null) {
                rejected.add(new Rejected(e.id(), e.bundle(), e.bundleId(), "the id " + e.id()
                        + " is taken by a page of " + winner.bundle()));
                continue;
            }
            shown.add(e);
        }
        shown.sort(Comparator.comparingInt((Entry e) -> order(e)).thenComparing(Entry::id));
        return new State(shown, rejected);
    }

    private static int order(Entry e) {
        try {
            return e.page().order();
        } catch (RuntimeException ex) {
            return Integer.MAX_VALUE;
        }
    }

    @Override
    public List<Problem> problems() {
        return state().rejected().stream().map(r -> new Problem(r.bundleId(),
                "Admin page " + r.id() + " of " + r.bundle() + " is not shown: " + r.reason())).toList();
    }
}
