package dev.vireo.vm;

import dev.vireo.template.TemplateRequest;

/**
 * A new VM as the Kimchi API asks for it.
 *
 * @param template    the template's URI ({@code /plugins/kimchi/templates/NAME} or {@code /api/templates/NAME})
 * @param name        optional: derived from the template when absent
 * @param storagepool optional: the pool (name or URI) for the VM's new disks instead of the template's
 * @param graphics    optional: the VM's display instead of the template's
 * @param persistent  optional: VMs made by Vireo are always persistent
 * @param host        optional: the host (cell) to make it on
 * @param computepool optional: the compute pool whose best host takes it; without host nor
 *                    computepool, pool {@code default}
 * @param spec        instead of template: the VM's resources ({@link GuestSpec}); name is then required
 */
public record VmCreateRequest(String name, String template, String storagepool, TemplateRequest.Graphics graphics,
                              String title, String description, Boolean persistent, String host, String computepool,
                              GuestSpec spec) {
}
