"""Policy packs: each organisation's safeguarding rules as data, and the engine applying them."""
