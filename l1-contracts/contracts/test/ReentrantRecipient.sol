// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ReentrantRecipient
/// @notice Test-only: a payee that calls back into the contract paying it (replaying `callbackData`)
///         or refuses ETH, to test reentrancy guards and failed transfers.
contract ReentrantRecipient {
    /// @notice Call made from `receive`; empty means accept silently.
    bytes public callbackData;
    /// @notice Contract called back.
    address public target;
    /// @notice When true, `receive` reverts.
    bool public refuse;
    /// @notice Whether the last callback succeeded, and what it returned.
    bool public lastCallOk;
    /// @notice Revert data (or return data) of the last callback.
    bytes public lastCallResult;

    /// @notice Configures the callback.
    function configure(address target_, bytes calldata callbackData_, bool refuse_) external {
        target = target_;
        callbackData = callbackData_;
        refuse = refuse_;
    }

    /// @notice Forwards a call (e.g. a deposit or a lifecycle step) from this contract.
    function execute(address to, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = to.call{value: msg.value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        if (refuse) revert("refused");
        if (callbackData.length == 0) return;
        bytes memory data = callbackData;
        delete callbackData;
        (lastCallOk, lastCallResult) = target.call(data);
    }
}
