/**
 * The PCI-SIG payload of SPDM VENDOR_DEFINED messages (ProtocolID byte + protocol message) and the two seams
 * to the SPDM layer: {@link io.teeio.pcie.vdm.SecuredVendorChannel} (TSM side, implemented by the SPDM
 * requester integration) and {@link io.teeio.pcie.vdm.PciSigVendorHandler} (DSM side, implemented here by
 * {@link io.teeio.pcie.vdm.PciSigVendorDispatcher} and called by the SPDM responder).
 *
 * <p>Refusals are typed ({@link io.teeio.pcie.vdm.VendorResponse.Refusal}); the SPDM layer answers them with
 * SPDM ERROR: SessionRequired for a request outside a secured session (PCIe11 §11.2.2), InvalidRequest
 * otherwise.
 */
package io.teeio.pcie.vdm;
