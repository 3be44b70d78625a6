package dev.vireo.persistence.template;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A recipe for VMs (the Kimchi template): what {@link TemplateSettings} says, under a unique name. */
@Entity
@Table(name = "template", uniqueConstraints = @UniqueConstraint(name = "template_name", columnNames = "name"))
@NamedQuery(name = Template.BY_NAME, query = "select t from Template t where t.name = :name")
@NamedQuery(name = Template.ALL, query = "select t from Template t order by t.name")
public class Template {

    public static final String BY_NAME = "Template.byName";
    public static final String ALL = "Template.all";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String name;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "template_folder", joinColumns = @JoinColumn(name = "template_id"))
    @OrderColumn(name = "position")
    @Column(name = "component", length = 64)
    private List<String> folder = new ArrayList<>();

    @Column(length = 1000)
    private String icon;

    @Column(name = "os_distro", length = 64)
    private String osDistro;

    @Column(name = "os_version", length = 64)
    private String osVersion;

    @Column(name = "memory_mib", nullable = false)
    private int memoryMib;

    @Column(name = "max_memory_mib", nullable = false)
    private int maxMemoryMib;

    @Column(length = 1000)
    private String cdrom;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "template_network", joinColumns = @JoinColumn(name = "template_id"))
    @OrderColumn(name = "position")
    @Column(name = "network", length = 64)
    private List<String> networks = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "template_disk", joinColumns = @JoinColumn(name = "template_id"))
    @OrderColumn(name = "position")
    private List<TemplateDisk> disks = new ArrayList<>();

    @Column(name = "graphics_type", length = 8)
    private String graphicsType;

    @Column(name = "graphics_listen", length = 64)
    private String graphicsListen;

    @Column(nullable = false)
    private int vcpus;

    @Column(name = "max_vcpus", nullable = false)
    private int maxVcpus;

    private Integer sockets;
    private Integer cores;
    private Integer threads;

    @Column(nullable = false)
    private Instant created;

    protected Template() {
    }

    public Template(String name, TemplateSettings settings, Instant now) {
        this.name = name;
        this.created = now;
        apply(settings);
    }

    public String getName() {
        return name;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreated() {
        return created;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public TemplateSettings settings() {
        return new TemplateSettings(List.copyOf(folder), icon, osDistro, osVersion, memoryMib, maxMemoryMib, cdrom,
                List.copyOf(networks), List.copyOf(disks),
                graphicsType == null ? null : new TemplateSettings.Graphics(graphicsType, graphicsListen),
                vcpus, maxVcpus,
                sockets == null ? null : new TemplateSettings.Topology(sockets, cores, threads));
    }

    public final void apply(TemplateSettings settings) {
        folder.clear();
        folder.addAll(settings.folder());
        icon = settings.icon();
        osDistro = settings.osDistro();
        osVersion = settings.osVersion();
        memoryMib = settings.memoryMib();
        maxMemoryMib = settings.maxMemoryMib();
        cdrom = settings.cdrom();
        networks.clear();
        networks.addAll(settings.networks());
        disks.clear();
        disks.addAll(settings.disks());
        graphicsType = settings.graphics() == null ? null : settings.graphics().type();
        graphicsListen = settings.graphics() == null ? null : settings.graphics().listen();
        vcpus = settings.vcpus();
        maxVcpus = settings.maxVcpus();
        TemplateSettings.Topology topology = settings.topology();
        sockets = topology == null ? null : topology.sockets();
        cores = topology == null ? null : topology.cores();
        threads = topology == null ? null : topology.threads();
    }
}
