// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Chunks} from "../twin/Chunks.sol";
import {StepRoots} from "../twin/StepRoots.sol";

/// @title ChunksHarness
/// @notice Test-only: exposes the Chunks and StepRoots libraries so the differential tests and the
///         chunk benchmark can compare them with the TypeScript side and measure their gas.
contract ChunksHarness {
    /// @notice Decompresses and summarizes many chunks in one call.
    function summarizeMany(bytes[] calldata chunks)
        external
        pure
        returns (bool[] memory ok, Chunks.Summary[] memory summaries)
    {
        ok = new bool[](chunks.length);
        summaries = new Chunks.Summary[](chunks.length);
        for (uint256 i = 0; i < chunks.length; i++) {
            (bool decoded, bytes memory raw) = Chunks.decompress(chunks[i]);
            if (decoded) (ok[i], summaries[i]) = Chunks.summarize(raw);
        }
    }

    /// @notice Locates many steps of one chunk.
    function locateMany(bytes calldata chunk, uint256[] calldata stepIndices)
        external
        pure
        returns (bool[] memory found, Chunks.StepRef[] memory refs)
    {
        found = new bool[](stepIndices.length);
        refs = new Chunks.StepRef[](stepIndices.length);
        (bool decoded, bytes memory raw) = Chunks.decompress(chunk);
        if (!decoded) return (found, refs);
        for (uint256 i = 0; i < stepIndices.length; i++) {
            (found[i], refs[i]) = Chunks.locateStep(raw, stepIndices[i]);
        }
    }

    /// @notice See Chunks.decompress.
    function decompress(bytes calldata chunk) external pure returns (bool ok, bytes memory raw) {
        return Chunks.decompress(chunk);
    }

    /// @notice See Chunks.decompressMemory (the chunk is copied to memory first).
    function decompressMemory(bytes memory chunk) external pure returns (bool ok, bytes memory raw) {
        return Chunks.decompressMemory(chunk);
    }

    /// @notice See Chunks.checkLink.
    function checkLink(
        Chunks.Bounds memory bounds,
        bool hasPrevious,
        Chunks.Summary memory previous,
        Chunks.Summary memory current,
        bool isLast
    ) external pure returns (uint8) {
        return Chunks.checkLink(bounds, hasPrevious, previous, current, isLast);
    }

    /// @notice Gas of decompress and of locateStep (which walks and checks the whole chunk),
    ///         measured inside the call so calldata and the call itself are excluded.
    function measureLocate(bytes calldata chunk, uint256 stepIndex)
        external
        view
        returns (bool found, uint256 decompressGas, uint256 walkGas)
    {
        uint256 before = gasleft();
        (bool decoded, bytes memory raw) = Chunks.decompress(chunk);
        decompressGas = before - gasleft();
        before = gasleft();
        if (decoded) (found,) = Chunks.locateStep(raw, stepIndex);
        walkGas = before - gasleft();
    }

    /// @notice See StepRoots.hash.
    function stepRootsHash(bytes32[] calldata roots) external pure returns (bytes32) {
        return StepRoots.hash(roots);
    }

    /// @notice See StepRoots.verify.
    function verifyStepRoot(bytes32 rootsHash, uint256 stepCount, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        external
        pure
        returns (bool)
    {
        return StepRoots.verify(rootsHash, stepCount, index, leaf, proof);
    }
}
