def remove_bots(events, markers=("Googlebot",)):
    """Drop every row whose user agent mentions one of the markers, in any case, anywhere."""
    lowered = [marker.lower() for marker in markers]

    def is_bot(agent):
        agent = str(agent).lower()
        return any(marker in agent for marker in lowered)

    return events.loc[~events["user_agent"].apply(is_bot)]
